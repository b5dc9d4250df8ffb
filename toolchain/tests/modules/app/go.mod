module example.com/app

go 1.19

require example.org/greet v1.2.0
