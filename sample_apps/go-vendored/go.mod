module example.com/go-vendored

go 1.19

require example.com/unitlib v1.4.2
