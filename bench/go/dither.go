// dither: image/draw's Floyd-Steinberg dithering (GOROOT's code, as
// image/gif's encoder runs it) of a 512x512 RGBA gradient onto Plan 9's
// 256-colour palette, 4 times; prints a checksum of the palette indices.
// A loop of int32 arithmetic over a palette search, the hot path of
// image/gif's tests under rgo.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
)

const size = 512

func main() {
	src := image.NewRGBA(image.Rect(0, 0, size, size))
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			src.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 0xff})
		}
	}
	dst := image.NewPaletted(src.Bounds(), palette.Plan9)
	sum := uint32(0)
	for i := 0; i < 4; i++ {
		draw.FloydSteinberg.Draw(dst, dst.Bounds(), src, image.Point{})
		for _, p := range dst.Pix {
			sum = sum*31 + uint32(p)
		}
	}
	fmt.Println(sum)
}
