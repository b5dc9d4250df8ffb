package shapes

func platform() string { return "linux" }
