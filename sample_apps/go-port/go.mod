module example.com/goport

go 1.19
