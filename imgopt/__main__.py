from imgopt.cli.app import main

main()
