// Package conv03 holds generated unit conversions (set 3).
package conv03

import (
	"fmt"
	"math"
	"strings"
)

// Quantity is a value in a unit.
type Quantity struct {
	Value float64
	Unit  string
}

// Convert0 converts a quantity with table 0.
func Convert0(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a0": 1.5, "b0": 2.25, "c0": math.Sqrt(3), "d0": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 0", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 0", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert1 converts a quantity with table 1.
func Convert1(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a1": 2.5, "b1": 3.25, "c1": math.Sqrt(4), "d1": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 1", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 1", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert2 converts a quantity with table 2.
func Convert2(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a2": 3.5, "b2": 4.25, "c2": math.Sqrt(5), "d2": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 2", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 2", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert3 converts a quantity with table 3.
func Convert3(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a3": 4.5, "b3": 5.25, "c3": math.Sqrt(6), "d3": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 3", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 3", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert4 converts a quantity with table 4.
func Convert4(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a4": 5.5, "b4": 6.25, "c4": math.Sqrt(7), "d4": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 4", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 4", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert5 converts a quantity with table 5.
func Convert5(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a5": 6.5, "b5": 7.25, "c5": math.Sqrt(8), "d5": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 5", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 5", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert6 converts a quantity with table 6.
func Convert6(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a6": 7.5, "b6": 8.25, "c6": math.Sqrt(9), "d6": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 6", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 6", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert7 converts a quantity with table 7.
func Convert7(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a7": 8.5, "b7": 9.25, "c7": math.Sqrt(10), "d7": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 7", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 7", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert8 converts a quantity with table 8.
func Convert8(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a8": 9.5, "b8": 10.25, "c8": math.Sqrt(11), "d8": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 8", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 8", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert9 converts a quantity with table 9.
func Convert9(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a9": 10.5, "b9": 11.25, "c9": math.Sqrt(12), "d9": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 9", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 9", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert10 converts a quantity with table 10.
func Convert10(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a10": 11.5, "b10": 12.25, "c10": math.Sqrt(13), "d10": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 10", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 10", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert11 converts a quantity with table 11.
func Convert11(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a11": 12.5, "b11": 13.25, "c11": math.Sqrt(14), "d11": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 11", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 11", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert12 converts a quantity with table 12.
func Convert12(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a12": 13.5, "b12": 14.25, "c12": math.Sqrt(15), "d12": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 12", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 12", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert13 converts a quantity with table 13.
func Convert13(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a13": 14.5, "b13": 15.25, "c13": math.Sqrt(16), "d13": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 13", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 13", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert14 converts a quantity with table 14.
func Convert14(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a14": 15.5, "b14": 16.25, "c14": math.Sqrt(17), "d14": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 14", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 14", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert15 converts a quantity with table 15.
func Convert15(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a15": 16.5, "b15": 17.25, "c15": math.Sqrt(18), "d15": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 15", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 15", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert16 converts a quantity with table 16.
func Convert16(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a16": 17.5, "b16": 18.25, "c16": math.Sqrt(19), "d16": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 16", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 16", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert17 converts a quantity with table 17.
func Convert17(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a17": 18.5, "b17": 19.25, "c17": math.Sqrt(20), "d17": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 17", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 17", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert18 converts a quantity with table 18.
func Convert18(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a18": 19.5, "b18": 20.25, "c18": math.Sqrt(21), "d18": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 18", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 18", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert19 converts a quantity with table 19.
func Convert19(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a19": 20.5, "b19": 21.25, "c19": math.Sqrt(22), "d19": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 19", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 19", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert20 converts a quantity with table 20.
func Convert20(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a20": 21.5, "b20": 22.25, "c20": math.Sqrt(23), "d20": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 20", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 20", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert21 converts a quantity with table 21.
func Convert21(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a21": 22.5, "b21": 23.25, "c21": math.Sqrt(24), "d21": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 21", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 21", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert22 converts a quantity with table 22.
func Convert22(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a22": 23.5, "b22": 24.25, "c22": math.Sqrt(25), "d22": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 22", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 22", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert23 converts a quantity with table 23.
func Convert23(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a23": 24.5, "b23": 25.25, "c23": math.Sqrt(26), "d23": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 23", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 23", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert24 converts a quantity with table 24.
func Convert24(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a24": 25.5, "b24": 26.25, "c24": math.Sqrt(27), "d24": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 24", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 24", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert25 converts a quantity with table 25.
func Convert25(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a25": 26.5, "b25": 27.25, "c25": math.Sqrt(28), "d25": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 25", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 25", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert26 converts a quantity with table 26.
func Convert26(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a26": 27.5, "b26": 28.25, "c26": math.Sqrt(29), "d26": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 26", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 26", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert27 converts a quantity with table 27.
func Convert27(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a27": 28.5, "b27": 29.25, "c27": math.Sqrt(30), "d27": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 27", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 27", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert28 converts a quantity with table 28.
func Convert28(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a28": 29.5, "b28": 30.25, "c28": math.Sqrt(31), "d28": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 28", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 28", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert29 converts a quantity with table 29.
func Convert29(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a29": 30.5, "b29": 31.25, "c29": math.Sqrt(32), "d29": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 29", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 29", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert30 converts a quantity with table 30.
func Convert30(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a30": 31.5, "b30": 32.25, "c30": math.Sqrt(33), "d30": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 30", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 30", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert31 converts a quantity with table 31.
func Convert31(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a31": 32.5, "b31": 33.25, "c31": math.Sqrt(34), "d31": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 31", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 31", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert32 converts a quantity with table 32.
func Convert32(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a32": 33.5, "b32": 34.25, "c32": math.Sqrt(35), "d32": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 32", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 32", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert33 converts a quantity with table 33.
func Convert33(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a33": 34.5, "b33": 35.25, "c33": math.Sqrt(36), "d33": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 33", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 33", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert34 converts a quantity with table 34.
func Convert34(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a34": 35.5, "b34": 36.25, "c34": math.Sqrt(37), "d34": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 34", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 34", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert35 converts a quantity with table 35.
func Convert35(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a35": 36.5, "b35": 37.25, "c35": math.Sqrt(38), "d35": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 35", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 35", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert36 converts a quantity with table 36.
func Convert36(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a36": 37.5, "b36": 38.25, "c36": math.Sqrt(39), "d36": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 36", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 36", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert37 converts a quantity with table 37.
func Convert37(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a37": 38.5, "b37": 39.25, "c37": math.Sqrt(40), "d37": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 37", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 37", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert38 converts a quantity with table 38.
func Convert38(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a38": 39.5, "b38": 40.25, "c38": math.Sqrt(41), "d38": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 38", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 38", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert39 converts a quantity with table 39.
func Convert39(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a39": 40.5, "b39": 41.25, "c39": math.Sqrt(42), "d39": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 39", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 39", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert40 converts a quantity with table 40.
func Convert40(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a40": 41.5, "b40": 42.25, "c40": math.Sqrt(43), "d40": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 40", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 40", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert41 converts a quantity with table 41.
func Convert41(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a41": 42.5, "b41": 43.25, "c41": math.Sqrt(44), "d41": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 41", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 41", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert42 converts a quantity with table 42.
func Convert42(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a42": 43.5, "b42": 44.25, "c42": math.Sqrt(45), "d42": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 42", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 42", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert43 converts a quantity with table 43.
func Convert43(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a43": 44.5, "b43": 45.25, "c43": math.Sqrt(46), "d43": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 43", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 43", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert44 converts a quantity with table 44.
func Convert44(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a44": 45.5, "b44": 46.25, "c44": math.Sqrt(47), "d44": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 44", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 44", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert45 converts a quantity with table 45.
func Convert45(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a45": 46.5, "b45": 47.25, "c45": math.Sqrt(48), "d45": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 45", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 45", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert46 converts a quantity with table 46.
func Convert46(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a46": 47.5, "b46": 48.25, "c46": math.Sqrt(49), "d46": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 46", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 46", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert47 converts a quantity with table 47.
func Convert47(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a47": 48.5, "b47": 49.25, "c47": math.Sqrt(50), "d47": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 47", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 47", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert48 converts a quantity with table 48.
func Convert48(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a48": 49.5, "b48": 50.25, "c48": math.Sqrt(51), "d48": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 48", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 48", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert49 converts a quantity with table 49.
func Convert49(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a49": 50.5, "b49": 51.25, "c49": math.Sqrt(52), "d49": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 49", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 49", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert50 converts a quantity with table 50.
func Convert50(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a50": 51.5, "b50": 52.25, "c50": math.Sqrt(53), "d50": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 50", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 50", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert51 converts a quantity with table 51.
func Convert51(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a51": 52.5, "b51": 53.25, "c51": math.Sqrt(54), "d51": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 51", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 51", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert52 converts a quantity with table 52.
func Convert52(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a52": 53.5, "b52": 54.25, "c52": math.Sqrt(55), "d52": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 52", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 52", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert53 converts a quantity with table 53.
func Convert53(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a53": 54.5, "b53": 55.25, "c53": math.Sqrt(56), "d53": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 53", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 53", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert54 converts a quantity with table 54.
func Convert54(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a54": 55.5, "b54": 56.25, "c54": math.Sqrt(57), "d54": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 54", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 54", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert55 converts a quantity with table 55.
func Convert55(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a55": 56.5, "b55": 57.25, "c55": math.Sqrt(58), "d55": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 55", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 55", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert56 converts a quantity with table 56.
func Convert56(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a56": 57.5, "b56": 58.25, "c56": math.Sqrt(59), "d56": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 56", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 56", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert57 converts a quantity with table 57.
func Convert57(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a57": 58.5, "b57": 59.25, "c57": math.Sqrt(60), "d57": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 57", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 57", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert58 converts a quantity with table 58.
func Convert58(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a58": 59.5, "b58": 60.25, "c58": math.Sqrt(61), "d58": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 58", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 58", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert59 converts a quantity with table 59.
func Convert59(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a59": 60.5, "b59": 61.25, "c59": math.Sqrt(62), "d59": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 59", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 59", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert60 converts a quantity with table 60.
func Convert60(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a60": 61.5, "b60": 62.25, "c60": math.Sqrt(63), "d60": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 60", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 60", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert61 converts a quantity with table 61.
func Convert61(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a61": 62.5, "b61": 63.25, "c61": math.Sqrt(64), "d61": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 61", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 61", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert62 converts a quantity with table 62.
func Convert62(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a62": 63.5, "b62": 64.25, "c62": math.Sqrt(65), "d62": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 62", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 62", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert63 converts a quantity with table 63.
func Convert63(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a63": 64.5, "b63": 65.25, "c63": math.Sqrt(66), "d63": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 63", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 63", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert64 converts a quantity with table 64.
func Convert64(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a64": 65.5, "b64": 66.25, "c64": math.Sqrt(67), "d64": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 64", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 64", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert65 converts a quantity with table 65.
func Convert65(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a65": 66.5, "b65": 67.25, "c65": math.Sqrt(68), "d65": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 65", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 65", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert66 converts a quantity with table 66.
func Convert66(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a66": 67.5, "b66": 68.25, "c66": math.Sqrt(69), "d66": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 66", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 66", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert67 converts a quantity with table 67.
func Convert67(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a67": 68.5, "b67": 69.25, "c67": math.Sqrt(70), "d67": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 67", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 67", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert68 converts a quantity with table 68.
func Convert68(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a68": 69.5, "b68": 70.25, "c68": math.Sqrt(71), "d68": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 68", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 68", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert69 converts a quantity with table 69.
func Convert69(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a69": 70.5, "b69": 71.25, "c69": math.Sqrt(72), "d69": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 69", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 69", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert70 converts a quantity with table 70.
func Convert70(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a70": 71.5, "b70": 72.25, "c70": math.Sqrt(73), "d70": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 70", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 70", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert71 converts a quantity with table 71.
func Convert71(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a71": 72.5, "b71": 73.25, "c71": math.Sqrt(74), "d71": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 71", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 71", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert72 converts a quantity with table 72.
func Convert72(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a72": 73.5, "b72": 74.25, "c72": math.Sqrt(75), "d72": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 72", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 72", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert73 converts a quantity with table 73.
func Convert73(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a73": 74.5, "b73": 75.25, "c73": math.Sqrt(76), "d73": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 73", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 73", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert74 converts a quantity with table 74.
func Convert74(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a74": 75.5, "b74": 76.25, "c74": math.Sqrt(77), "d74": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 74", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 74", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert75 converts a quantity with table 75.
func Convert75(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a75": 76.5, "b75": 77.25, "c75": math.Sqrt(78), "d75": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 75", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 75", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert76 converts a quantity with table 76.
func Convert76(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a76": 77.5, "b76": 78.25, "c76": math.Sqrt(79), "d76": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 76", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 76", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert77 converts a quantity with table 77.
func Convert77(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a77": 78.5, "b77": 79.25, "c77": math.Sqrt(80), "d77": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 77", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 77", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert78 converts a quantity with table 78.
func Convert78(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a78": 79.5, "b78": 80.25, "c78": math.Sqrt(81), "d78": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 78", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 78", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert79 converts a quantity with table 79.
func Convert79(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a79": 80.5, "b79": 81.25, "c79": math.Sqrt(82), "d79": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 79", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 79", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert80 converts a quantity with table 80.
func Convert80(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a80": 81.5, "b80": 82.25, "c80": math.Sqrt(83), "d80": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 80", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 80", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert81 converts a quantity with table 81.
func Convert81(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a81": 82.5, "b81": 83.25, "c81": math.Sqrt(84), "d81": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 81", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 81", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert82 converts a quantity with table 82.
func Convert82(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a82": 83.5, "b82": 84.25, "c82": math.Sqrt(85), "d82": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 82", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 82", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert83 converts a quantity with table 83.
func Convert83(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a83": 84.5, "b83": 85.25, "c83": math.Sqrt(86), "d83": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 83", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 83", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert84 converts a quantity with table 84.
func Convert84(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a84": 85.5, "b84": 86.25, "c84": math.Sqrt(87), "d84": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 84", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 84", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert85 converts a quantity with table 85.
func Convert85(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a85": 86.5, "b85": 87.25, "c85": math.Sqrt(88), "d85": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 85", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 85", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert86 converts a quantity with table 86.
func Convert86(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a86": 87.5, "b86": 88.25, "c86": math.Sqrt(89), "d86": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 86", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 86", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert87 converts a quantity with table 87.
func Convert87(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a87": 88.5, "b87": 89.25, "c87": math.Sqrt(90), "d87": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 87", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 87", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert88 converts a quantity with table 88.
func Convert88(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a88": 89.5, "b88": 90.25, "c88": math.Sqrt(91), "d88": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 88", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 88", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert89 converts a quantity with table 89.
func Convert89(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a89": 90.5, "b89": 91.25, "c89": math.Sqrt(92), "d89": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 89", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 89", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert90 converts a quantity with table 90.
func Convert90(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a90": 91.5, "b90": 92.25, "c90": math.Sqrt(93), "d90": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 90", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 90", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert91 converts a quantity with table 91.
func Convert91(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a91": 92.5, "b91": 93.25, "c91": math.Sqrt(94), "d91": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 91", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 91", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert92 converts a quantity with table 92.
func Convert92(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a92": 93.5, "b92": 94.25, "c92": math.Sqrt(95), "d92": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 92", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 92", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert93 converts a quantity with table 93.
func Convert93(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a93": 94.5, "b93": 95.25, "c93": math.Sqrt(96), "d93": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 93", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 93", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert94 converts a quantity with table 94.
func Convert94(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a94": 95.5, "b94": 96.25, "c94": math.Sqrt(97), "d94": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 94", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 94", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert95 converts a quantity with table 95.
func Convert95(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a95": 96.5, "b95": 97.25, "c95": math.Sqrt(98), "d95": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 95", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 95", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert96 converts a quantity with table 96.
func Convert96(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a96": 97.5, "b96": 98.25, "c96": math.Sqrt(99), "d96": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 96", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 96", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert97 converts a quantity with table 97.
func Convert97(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a97": 98.5, "b97": 99.25, "c97": math.Sqrt(100), "d97": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 97", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 97", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert98 converts a quantity with table 98.
func Convert98(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a98": 99.5, "b98": 100.25, "c98": math.Sqrt(101), "d98": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 98", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 98", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert99 converts a quantity with table 99.
func Convert99(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a99": 100.5, "b99": 101.25, "c99": math.Sqrt(102), "d99": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 99", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 99", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert100 converts a quantity with table 100.
func Convert100(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a100": 101.5, "b100": 102.25, "c100": math.Sqrt(103), "d100": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 100", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 100", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert101 converts a quantity with table 101.
func Convert101(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a101": 102.5, "b101": 103.25, "c101": math.Sqrt(104), "d101": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 101", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 101", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert102 converts a quantity with table 102.
func Convert102(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a102": 103.5, "b102": 104.25, "c102": math.Sqrt(105), "d102": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 102", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 102", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert103 converts a quantity with table 103.
func Convert103(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a103": 104.5, "b103": 105.25, "c103": math.Sqrt(106), "d103": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 103", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 103", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert104 converts a quantity with table 104.
func Convert104(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a104": 105.5, "b104": 106.25, "c104": math.Sqrt(107), "d104": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 104", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 104", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert105 converts a quantity with table 105.
func Convert105(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a105": 106.5, "b105": 107.25, "c105": math.Sqrt(108), "d105": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 105", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 105", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert106 converts a quantity with table 106.
func Convert106(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a106": 107.5, "b106": 108.25, "c106": math.Sqrt(109), "d106": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 106", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 106", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert107 converts a quantity with table 107.
func Convert107(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a107": 108.5, "b107": 109.25, "c107": math.Sqrt(110), "d107": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 107", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 107", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert108 converts a quantity with table 108.
func Convert108(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a108": 109.5, "b108": 110.25, "c108": math.Sqrt(111), "d108": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 108", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 108", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert109 converts a quantity with table 109.
func Convert109(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a109": 110.5, "b109": 111.25, "c109": math.Sqrt(112), "d109": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 109", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 109", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert110 converts a quantity with table 110.
func Convert110(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a110": 111.5, "b110": 112.25, "c110": math.Sqrt(113), "d110": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 110", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 110", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert111 converts a quantity with table 111.
func Convert111(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a111": 112.5, "b111": 113.25, "c111": math.Sqrt(114), "d111": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 111", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 111", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert112 converts a quantity with table 112.
func Convert112(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a112": 113.5, "b112": 114.25, "c112": math.Sqrt(115), "d112": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 112", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 112", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert113 converts a quantity with table 113.
func Convert113(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a113": 114.5, "b113": 115.25, "c113": math.Sqrt(116), "d113": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 113", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 113", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert114 converts a quantity with table 114.
func Convert114(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a114": 115.5, "b114": 116.25, "c114": math.Sqrt(117), "d114": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 114", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 114", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert115 converts a quantity with table 115.
func Convert115(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a115": 116.5, "b115": 117.25, "c115": math.Sqrt(118), "d115": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 115", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 115", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert116 converts a quantity with table 116.
func Convert116(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a116": 117.5, "b116": 118.25, "c116": math.Sqrt(119), "d116": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 116", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 116", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert117 converts a quantity with table 117.
func Convert117(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a117": 118.5, "b117": 119.25, "c117": math.Sqrt(120), "d117": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 117", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 117", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert118 converts a quantity with table 118.
func Convert118(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a118": 119.5, "b118": 120.25, "c118": math.Sqrt(121), "d118": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 118", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 118", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert119 converts a quantity with table 119.
func Convert119(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a119": 120.5, "b119": 121.25, "c119": math.Sqrt(122), "d119": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 119", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 119", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert120 converts a quantity with table 120.
func Convert120(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a120": 121.5, "b120": 122.25, "c120": math.Sqrt(123), "d120": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 120", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 120", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert121 converts a quantity with table 121.
func Convert121(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a121": 122.5, "b121": 123.25, "c121": math.Sqrt(124), "d121": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 121", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 121", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert122 converts a quantity with table 122.
func Convert122(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a122": 123.5, "b122": 124.25, "c122": math.Sqrt(125), "d122": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 122", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 122", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert123 converts a quantity with table 123.
func Convert123(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a123": 124.5, "b123": 125.25, "c123": math.Sqrt(126), "d123": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 123", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 123", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert124 converts a quantity with table 124.
func Convert124(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a124": 125.5, "b124": 126.25, "c124": math.Sqrt(127), "d124": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 124", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 124", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert125 converts a quantity with table 125.
func Convert125(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a125": 126.5, "b125": 127.25, "c125": math.Sqrt(128), "d125": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 125", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 125", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert126 converts a quantity with table 126.
func Convert126(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a126": 127.5, "b126": 128.25, "c126": math.Sqrt(129), "d126": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 126", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 126", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert127 converts a quantity with table 127.
func Convert127(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a127": 128.5, "b127": 129.25, "c127": math.Sqrt(130), "d127": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 127", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 127", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert128 converts a quantity with table 128.
func Convert128(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a128": 129.5, "b128": 130.25, "c128": math.Sqrt(131), "d128": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 128", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 128", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert129 converts a quantity with table 129.
func Convert129(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a129": 130.5, "b129": 131.25, "c129": math.Sqrt(132), "d129": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 129", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 129", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert130 converts a quantity with table 130.
func Convert130(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a130": 131.5, "b130": 132.25, "c130": math.Sqrt(133), "d130": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 130", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 130", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert131 converts a quantity with table 131.
func Convert131(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a131": 132.5, "b131": 133.25, "c131": math.Sqrt(134), "d131": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 131", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 131", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert132 converts a quantity with table 132.
func Convert132(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a132": 133.5, "b132": 134.25, "c132": math.Sqrt(135), "d132": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 132", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 132", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert133 converts a quantity with table 133.
func Convert133(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a133": 134.5, "b133": 135.25, "c133": math.Sqrt(136), "d133": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 133", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 133", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert134 converts a quantity with table 134.
func Convert134(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a134": 135.5, "b134": 136.25, "c134": math.Sqrt(137), "d134": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 134", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 134", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert135 converts a quantity with table 135.
func Convert135(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a135": 136.5, "b135": 137.25, "c135": math.Sqrt(138), "d135": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 135", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 135", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert136 converts a quantity with table 136.
func Convert136(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a136": 137.5, "b136": 138.25, "c136": math.Sqrt(139), "d136": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 136", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 136", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert137 converts a quantity with table 137.
func Convert137(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a137": 138.5, "b137": 139.25, "c137": math.Sqrt(140), "d137": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 137", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 137", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert138 converts a quantity with table 138.
func Convert138(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a138": 139.5, "b138": 140.25, "c138": math.Sqrt(141), "d138": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 138", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 138", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert139 converts a quantity with table 139.
func Convert139(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a139": 140.5, "b139": 141.25, "c139": math.Sqrt(142), "d139": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 139", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 139", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert140 converts a quantity with table 140.
func Convert140(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a140": 141.5, "b140": 142.25, "c140": math.Sqrt(143), "d140": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 140", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 140", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert141 converts a quantity with table 141.
func Convert141(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a141": 142.5, "b141": 143.25, "c141": math.Sqrt(144), "d141": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 141", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 141", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert142 converts a quantity with table 142.
func Convert142(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a142": 143.5, "b142": 144.25, "c142": math.Sqrt(145), "d142": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 142", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 142", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert143 converts a quantity with table 143.
func Convert143(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a143": 144.5, "b143": 145.25, "c143": math.Sqrt(146), "d143": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 143", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 143", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert144 converts a quantity with table 144.
func Convert144(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a144": 145.5, "b144": 146.25, "c144": math.Sqrt(147), "d144": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 144", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 144", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert145 converts a quantity with table 145.
func Convert145(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a145": 146.5, "b145": 147.25, "c145": math.Sqrt(148), "d145": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 145", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 145", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert146 converts a quantity with table 146.
func Convert146(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a146": 147.5, "b146": 148.25, "c146": math.Sqrt(149), "d146": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 146", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 146", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert147 converts a quantity with table 147.
func Convert147(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a147": 148.5, "b147": 149.25, "c147": math.Sqrt(150), "d147": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 147", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 147", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert148 converts a quantity with table 148.
func Convert148(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a148": 149.5, "b148": 150.25, "c148": math.Sqrt(151), "d148": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 148", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 148", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert149 converts a quantity with table 149.
func Convert149(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a149": 150.5, "b149": 151.25, "c149": math.Sqrt(152), "d149": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 149", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 149", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert150 converts a quantity with table 150.
func Convert150(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a150": 151.5, "b150": 152.25, "c150": math.Sqrt(153), "d150": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 150", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 150", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert151 converts a quantity with table 151.
func Convert151(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a151": 152.5, "b151": 153.25, "c151": math.Sqrt(154), "d151": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 151", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 151", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert152 converts a quantity with table 152.
func Convert152(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a152": 153.5, "b152": 154.25, "c152": math.Sqrt(155), "d152": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 152", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 152", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert153 converts a quantity with table 153.
func Convert153(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a153": 154.5, "b153": 155.25, "c153": math.Sqrt(156), "d153": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 153", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 153", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert154 converts a quantity with table 154.
func Convert154(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a154": 155.5, "b154": 156.25, "c154": math.Sqrt(157), "d154": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 154", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 154", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert155 converts a quantity with table 155.
func Convert155(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a155": 156.5, "b155": 157.25, "c155": math.Sqrt(158), "d155": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 155", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 155", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert156 converts a quantity with table 156.
func Convert156(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a156": 157.5, "b156": 158.25, "c156": math.Sqrt(159), "d156": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 156", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 156", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert157 converts a quantity with table 157.
func Convert157(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a157": 158.5, "b157": 159.25, "c157": math.Sqrt(160), "d157": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 157", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 157", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert158 converts a quantity with table 158.
func Convert158(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a158": 159.5, "b158": 160.25, "c158": math.Sqrt(161), "d158": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 158", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 158", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert159 converts a quantity with table 159.
func Convert159(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a159": 160.5, "b159": 161.25, "c159": math.Sqrt(162), "d159": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 159", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 159", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert160 converts a quantity with table 160.
func Convert160(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a160": 161.5, "b160": 162.25, "c160": math.Sqrt(163), "d160": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 160", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 160", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert161 converts a quantity with table 161.
func Convert161(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a161": 162.5, "b161": 163.25, "c161": math.Sqrt(164), "d161": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 161", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 161", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert162 converts a quantity with table 162.
func Convert162(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a162": 163.5, "b162": 164.25, "c162": math.Sqrt(165), "d162": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 162", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 162", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert163 converts a quantity with table 163.
func Convert163(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a163": 164.5, "b163": 165.25, "c163": math.Sqrt(166), "d163": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 163", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 163", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert164 converts a quantity with table 164.
func Convert164(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a164": 165.5, "b164": 166.25, "c164": math.Sqrt(167), "d164": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 164", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 164", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert165 converts a quantity with table 165.
func Convert165(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a165": 166.5, "b165": 167.25, "c165": math.Sqrt(168), "d165": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 165", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 165", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert166 converts a quantity with table 166.
func Convert166(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a166": 167.5, "b166": 168.25, "c166": math.Sqrt(169), "d166": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 166", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 166", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert167 converts a quantity with table 167.
func Convert167(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a167": 168.5, "b167": 169.25, "c167": math.Sqrt(170), "d167": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 167", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 167", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert168 converts a quantity with table 168.
func Convert168(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a168": 169.5, "b168": 170.25, "c168": math.Sqrt(171), "d168": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 168", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 168", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert169 converts a quantity with table 169.
func Convert169(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a169": 170.5, "b169": 171.25, "c169": math.Sqrt(172), "d169": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 169", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 169", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert170 converts a quantity with table 170.
func Convert170(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a170": 171.5, "b170": 172.25, "c170": math.Sqrt(173), "d170": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 170", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 170", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert171 converts a quantity with table 171.
func Convert171(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a171": 172.5, "b171": 173.25, "c171": math.Sqrt(174), "d171": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 171", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 171", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert172 converts a quantity with table 172.
func Convert172(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a172": 173.5, "b172": 174.25, "c172": math.Sqrt(175), "d172": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 172", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 172", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert173 converts a quantity with table 173.
func Convert173(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a173": 174.5, "b173": 175.25, "c173": math.Sqrt(176), "d173": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 173", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 173", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert174 converts a quantity with table 174.
func Convert174(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a174": 175.5, "b174": 176.25, "c174": math.Sqrt(177), "d174": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 174", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 174", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert175 converts a quantity with table 175.
func Convert175(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a175": 176.5, "b175": 177.25, "c175": math.Sqrt(178), "d175": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 175", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 175", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert176 converts a quantity with table 176.
func Convert176(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a176": 177.5, "b176": 178.25, "c176": math.Sqrt(179), "d176": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 176", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 176", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert177 converts a quantity with table 177.
func Convert177(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a177": 178.5, "b177": 179.25, "c177": math.Sqrt(180), "d177": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 177", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 177", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert178 converts a quantity with table 178.
func Convert178(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a178": 179.5, "b178": 180.25, "c178": math.Sqrt(181), "d178": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 178", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 178", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert179 converts a quantity with table 179.
func Convert179(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a179": 180.5, "b179": 181.25, "c179": math.Sqrt(182), "d179": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 179", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 179", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert180 converts a quantity with table 180.
func Convert180(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a180": 181.5, "b180": 182.25, "c180": math.Sqrt(183), "d180": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 180", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 180", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert181 converts a quantity with table 181.
func Convert181(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a181": 182.5, "b181": 183.25, "c181": math.Sqrt(184), "d181": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 181", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 181", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert182 converts a quantity with table 182.
func Convert182(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a182": 183.5, "b182": 184.25, "c182": math.Sqrt(185), "d182": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 182", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 182", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert183 converts a quantity with table 183.
func Convert183(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a183": 184.5, "b183": 185.25, "c183": math.Sqrt(186), "d183": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 183", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 183", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert184 converts a quantity with table 184.
func Convert184(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a184": 185.5, "b184": 186.25, "c184": math.Sqrt(187), "d184": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 184", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 184", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert185 converts a quantity with table 185.
func Convert185(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a185": 186.5, "b185": 187.25, "c185": math.Sqrt(188), "d185": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 185", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 185", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert186 converts a quantity with table 186.
func Convert186(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a186": 187.5, "b186": 188.25, "c186": math.Sqrt(189), "d186": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 186", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 186", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert187 converts a quantity with table 187.
func Convert187(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a187": 188.5, "b187": 189.25, "c187": math.Sqrt(190), "d187": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 187", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 187", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert188 converts a quantity with table 188.
func Convert188(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a188": 189.5, "b188": 190.25, "c188": math.Sqrt(191), "d188": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 188", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 188", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert189 converts a quantity with table 189.
func Convert189(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a189": 190.5, "b189": 191.25, "c189": math.Sqrt(192), "d189": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 189", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 189", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert190 converts a quantity with table 190.
func Convert190(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a190": 191.5, "b190": 192.25, "c190": math.Sqrt(193), "d190": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 190", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 190", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert191 converts a quantity with table 191.
func Convert191(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a191": 192.5, "b191": 193.25, "c191": math.Sqrt(194), "d191": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 191", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 191", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert192 converts a quantity with table 192.
func Convert192(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a192": 193.5, "b192": 194.25, "c192": math.Sqrt(195), "d192": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 192", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 192", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert193 converts a quantity with table 193.
func Convert193(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a193": 194.5, "b193": 195.25, "c193": math.Sqrt(196), "d193": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 193", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 193", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert194 converts a quantity with table 194.
func Convert194(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a194": 195.5, "b194": 196.25, "c194": math.Sqrt(197), "d194": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 194", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 194", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert195 converts a quantity with table 195.
func Convert195(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a195": 196.5, "b195": 197.25, "c195": math.Sqrt(198), "d195": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 195", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 195", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert196 converts a quantity with table 196.
func Convert196(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a196": 197.5, "b196": 198.25, "c196": math.Sqrt(199), "d196": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 196", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 196", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert197 converts a quantity with table 197.
func Convert197(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a197": 198.5, "b197": 199.25, "c197": math.Sqrt(200), "d197": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 197", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 197", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert198 converts a quantity with table 198.
func Convert198(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a198": 199.5, "b198": 200.25, "c198": math.Sqrt(201), "d198": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 198", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 198", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert199 converts a quantity with table 199.
func Convert199(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a199": 200.5, "b199": 201.25, "c199": math.Sqrt(202), "d199": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 199", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 199", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert200 converts a quantity with table 200.
func Convert200(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a200": 201.5, "b200": 202.25, "c200": math.Sqrt(203), "d200": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 200", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 200", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert201 converts a quantity with table 201.
func Convert201(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a201": 202.5, "b201": 203.25, "c201": math.Sqrt(204), "d201": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 201", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 201", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert202 converts a quantity with table 202.
func Convert202(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a202": 203.5, "b202": 204.25, "c202": math.Sqrt(205), "d202": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 202", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 202", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert203 converts a quantity with table 203.
func Convert203(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a203": 204.5, "b203": 205.25, "c203": math.Sqrt(206), "d203": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 203", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 203", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert204 converts a quantity with table 204.
func Convert204(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a204": 205.5, "b204": 206.25, "c204": math.Sqrt(207), "d204": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 204", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 204", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert205 converts a quantity with table 205.
func Convert205(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a205": 206.5, "b205": 207.25, "c205": math.Sqrt(208), "d205": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 205", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 205", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert206 converts a quantity with table 206.
func Convert206(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a206": 207.5, "b206": 208.25, "c206": math.Sqrt(209), "d206": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 206", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 206", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert207 converts a quantity with table 207.
func Convert207(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a207": 208.5, "b207": 209.25, "c207": math.Sqrt(210), "d207": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 207", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 207", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert208 converts a quantity with table 208.
func Convert208(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a208": 209.5, "b208": 210.25, "c208": math.Sqrt(211), "d208": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 208", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 208", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert209 converts a quantity with table 209.
func Convert209(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a209": 210.5, "b209": 211.25, "c209": math.Sqrt(212), "d209": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 209", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 209", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert210 converts a quantity with table 210.
func Convert210(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a210": 211.5, "b210": 212.25, "c210": math.Sqrt(213), "d210": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 210", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 210", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert211 converts a quantity with table 211.
func Convert211(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a211": 212.5, "b211": 213.25, "c211": math.Sqrt(214), "d211": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 211", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 211", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert212 converts a quantity with table 212.
func Convert212(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a212": 213.5, "b212": 214.25, "c212": math.Sqrt(215), "d212": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 212", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 212", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert213 converts a quantity with table 213.
func Convert213(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a213": 214.5, "b213": 215.25, "c213": math.Sqrt(216), "d213": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 213", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 213", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert214 converts a quantity with table 214.
func Convert214(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a214": 215.5, "b214": 216.25, "c214": math.Sqrt(217), "d214": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 214", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 214", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert215 converts a quantity with table 215.
func Convert215(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a215": 216.5, "b215": 217.25, "c215": math.Sqrt(218), "d215": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 215", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 215", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert216 converts a quantity with table 216.
func Convert216(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a216": 217.5, "b216": 218.25, "c216": math.Sqrt(219), "d216": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 216", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 216", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert217 converts a quantity with table 217.
func Convert217(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a217": 218.5, "b217": 219.25, "c217": math.Sqrt(220), "d217": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 217", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 217", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert218 converts a quantity with table 218.
func Convert218(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a218": 219.5, "b218": 220.25, "c218": math.Sqrt(221), "d218": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 218", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 218", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert219 converts a quantity with table 219.
func Convert219(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a219": 220.5, "b219": 221.25, "c219": math.Sqrt(222), "d219": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 219", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 219", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert220 converts a quantity with table 220.
func Convert220(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a220": 221.5, "b220": 222.25, "c220": math.Sqrt(223), "d220": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 220", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 220", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert221 converts a quantity with table 221.
func Convert221(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a221": 222.5, "b221": 223.25, "c221": math.Sqrt(224), "d221": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 221", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 221", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert222 converts a quantity with table 222.
func Convert222(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a222": 223.5, "b222": 224.25, "c222": math.Sqrt(225), "d222": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 222", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 222", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert223 converts a quantity with table 223.
func Convert223(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a223": 224.5, "b223": 225.25, "c223": math.Sqrt(226), "d223": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 223", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 223", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert224 converts a quantity with table 224.
func Convert224(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a224": 225.5, "b224": 226.25, "c224": math.Sqrt(227), "d224": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 224", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 224", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert225 converts a quantity with table 225.
func Convert225(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a225": 226.5, "b225": 227.25, "c225": math.Sqrt(228), "d225": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 225", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 225", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert226 converts a quantity with table 226.
func Convert226(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a226": 227.5, "b226": 228.25, "c226": math.Sqrt(229), "d226": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 226", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 226", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert227 converts a quantity with table 227.
func Convert227(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a227": 228.5, "b227": 229.25, "c227": math.Sqrt(230), "d227": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 227", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 227", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert228 converts a quantity with table 228.
func Convert228(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a228": 229.5, "b228": 230.25, "c228": math.Sqrt(231), "d228": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 228", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 228", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert229 converts a quantity with table 229.
func Convert229(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a229": 230.5, "b229": 231.25, "c229": math.Sqrt(232), "d229": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 229", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 229", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert230 converts a quantity with table 230.
func Convert230(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a230": 231.5, "b230": 232.25, "c230": math.Sqrt(233), "d230": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 230", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 230", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert231 converts a quantity with table 231.
func Convert231(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a231": 232.5, "b231": 233.25, "c231": math.Sqrt(234), "d231": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 231", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 231", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert232 converts a quantity with table 232.
func Convert232(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a232": 233.5, "b232": 234.25, "c232": math.Sqrt(235), "d232": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 232", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 232", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert233 converts a quantity with table 233.
func Convert233(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a233": 234.5, "b233": 235.25, "c233": math.Sqrt(236), "d233": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 233", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 233", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert234 converts a quantity with table 234.
func Convert234(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a234": 235.5, "b234": 236.25, "c234": math.Sqrt(237), "d234": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 234", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 234", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert235 converts a quantity with table 235.
func Convert235(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a235": 236.5, "b235": 237.25, "c235": math.Sqrt(238), "d235": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 235", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 235", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert236 converts a quantity with table 236.
func Convert236(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a236": 237.5, "b236": 238.25, "c236": math.Sqrt(239), "d236": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 236", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 236", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert237 converts a quantity with table 237.
func Convert237(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a237": 238.5, "b237": 239.25, "c237": math.Sqrt(240), "d237": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 237", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 237", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert238 converts a quantity with table 238.
func Convert238(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a238": 239.5, "b238": 240.25, "c238": math.Sqrt(241), "d238": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 238", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 238", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert239 converts a quantity with table 239.
func Convert239(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a239": 240.5, "b239": 241.25, "c239": math.Sqrt(242), "d239": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 239", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 239", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert240 converts a quantity with table 240.
func Convert240(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a240": 241.5, "b240": 242.25, "c240": math.Sqrt(243), "d240": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 240", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 240", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert241 converts a quantity with table 241.
func Convert241(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a241": 242.5, "b241": 243.25, "c241": math.Sqrt(244), "d241": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 241", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 241", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert242 converts a quantity with table 242.
func Convert242(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a242": 243.5, "b242": 244.25, "c242": math.Sqrt(245), "d242": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 242", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 242", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert243 converts a quantity with table 243.
func Convert243(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a243": 244.5, "b243": 245.25, "c243": math.Sqrt(246), "d243": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 243", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 243", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert244 converts a quantity with table 244.
func Convert244(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a244": 245.5, "b244": 246.25, "c244": math.Sqrt(247), "d244": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 244", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 244", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert245 converts a quantity with table 245.
func Convert245(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a245": 246.5, "b245": 247.25, "c245": math.Sqrt(248), "d245": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 245", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 245", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert246 converts a quantity with table 246.
func Convert246(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a246": 247.5, "b246": 248.25, "c246": math.Sqrt(249), "d246": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 246", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 246", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert247 converts a quantity with table 247.
func Convert247(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a247": 248.5, "b247": 249.25, "c247": math.Sqrt(250), "d247": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 247", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 247", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert248 converts a quantity with table 248.
func Convert248(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a248": 249.5, "b248": 250.25, "c248": math.Sqrt(251), "d248": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 248", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 248", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert249 converts a quantity with table 249.
func Convert249(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a249": 250.5, "b249": 251.25, "c249": math.Sqrt(252), "d249": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 249", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 249", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert250 converts a quantity with table 250.
func Convert250(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a250": 251.5, "b250": 252.25, "c250": math.Sqrt(253), "d250": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 250", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 250", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert251 converts a quantity with table 251.
func Convert251(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a251": 252.5, "b251": 253.25, "c251": math.Sqrt(254), "d251": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 251", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 251", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert252 converts a quantity with table 252.
func Convert252(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a252": 253.5, "b252": 254.25, "c252": math.Sqrt(255), "d252": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 252", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 252", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert253 converts a quantity with table 253.
func Convert253(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a253": 254.5, "b253": 255.25, "c253": math.Sqrt(256), "d253": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 253", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 253", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert254 converts a quantity with table 254.
func Convert254(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a254": 255.5, "b254": 256.25, "c254": math.Sqrt(257), "d254": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 254", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 254", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert255 converts a quantity with table 255.
func Convert255(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a255": 256.5, "b255": 257.25, "c255": math.Sqrt(258), "d255": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 255", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 255", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert256 converts a quantity with table 256.
func Convert256(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a256": 257.5, "b256": 258.25, "c256": math.Sqrt(259), "d256": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 256", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 256", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert257 converts a quantity with table 257.
func Convert257(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a257": 258.5, "b257": 259.25, "c257": math.Sqrt(260), "d257": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 257", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 257", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert258 converts a quantity with table 258.
func Convert258(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a258": 259.5, "b258": 260.25, "c258": math.Sqrt(261), "d258": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 258", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 258", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert259 converts a quantity with table 259.
func Convert259(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a259": 260.5, "b259": 261.25, "c259": math.Sqrt(262), "d259": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 259", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 259", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert260 converts a quantity with table 260.
func Convert260(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a260": 261.5, "b260": 262.25, "c260": math.Sqrt(263), "d260": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 260", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 260", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert261 converts a quantity with table 261.
func Convert261(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a261": 262.5, "b261": 263.25, "c261": math.Sqrt(264), "d261": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 261", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 261", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert262 converts a quantity with table 262.
func Convert262(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a262": 263.5, "b262": 264.25, "c262": math.Sqrt(265), "d262": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 262", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 262", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert263 converts a quantity with table 263.
func Convert263(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a263": 264.5, "b263": 265.25, "c263": math.Sqrt(266), "d263": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 263", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 263", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert264 converts a quantity with table 264.
func Convert264(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a264": 265.5, "b264": 266.25, "c264": math.Sqrt(267), "d264": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 264", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 264", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert265 converts a quantity with table 265.
func Convert265(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a265": 266.5, "b265": 267.25, "c265": math.Sqrt(268), "d265": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 265", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 265", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert266 converts a quantity with table 266.
func Convert266(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a266": 267.5, "b266": 268.25, "c266": math.Sqrt(269), "d266": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 266", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 266", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert267 converts a quantity with table 267.
func Convert267(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a267": 268.5, "b267": 269.25, "c267": math.Sqrt(270), "d267": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 267", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 267", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert268 converts a quantity with table 268.
func Convert268(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a268": 269.5, "b268": 270.25, "c268": math.Sqrt(271), "d268": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 268", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 268", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert269 converts a quantity with table 269.
func Convert269(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a269": 270.5, "b269": 271.25, "c269": math.Sqrt(272), "d269": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 269", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 269", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert270 converts a quantity with table 270.
func Convert270(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a270": 271.5, "b270": 272.25, "c270": math.Sqrt(273), "d270": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 270", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 270", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert271 converts a quantity with table 271.
func Convert271(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a271": 272.5, "b271": 273.25, "c271": math.Sqrt(274), "d271": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 271", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 271", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert272 converts a quantity with table 272.
func Convert272(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a272": 273.5, "b272": 274.25, "c272": math.Sqrt(275), "d272": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 272", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 272", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert273 converts a quantity with table 273.
func Convert273(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a273": 274.5, "b273": 275.25, "c273": math.Sqrt(276), "d273": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 273", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 273", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert274 converts a quantity with table 274.
func Convert274(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a274": 275.5, "b274": 276.25, "c274": math.Sqrt(277), "d274": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 274", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 274", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert275 converts a quantity with table 275.
func Convert275(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a275": 276.5, "b275": 277.25, "c275": math.Sqrt(278), "d275": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 275", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 275", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert276 converts a quantity with table 276.
func Convert276(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a276": 277.5, "b276": 278.25, "c276": math.Sqrt(279), "d276": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 276", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 276", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert277 converts a quantity with table 277.
func Convert277(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a277": 278.5, "b277": 279.25, "c277": math.Sqrt(280), "d277": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 277", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 277", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert278 converts a quantity with table 278.
func Convert278(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a278": 279.5, "b278": 280.25, "c278": math.Sqrt(281), "d278": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 278", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 278", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert279 converts a quantity with table 279.
func Convert279(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a279": 280.5, "b279": 281.25, "c279": math.Sqrt(282), "d279": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 279", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 279", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert280 converts a quantity with table 280.
func Convert280(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a280": 281.5, "b280": 282.25, "c280": math.Sqrt(283), "d280": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 280", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 280", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert281 converts a quantity with table 281.
func Convert281(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a281": 282.5, "b281": 283.25, "c281": math.Sqrt(284), "d281": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 281", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 281", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert282 converts a quantity with table 282.
func Convert282(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a282": 283.5, "b282": 284.25, "c282": math.Sqrt(285), "d282": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 282", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 282", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert283 converts a quantity with table 283.
func Convert283(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a283": 284.5, "b283": 285.25, "c283": math.Sqrt(286), "d283": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 283", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 283", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert284 converts a quantity with table 284.
func Convert284(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a284": 285.5, "b284": 286.25, "c284": math.Sqrt(287), "d284": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 284", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 284", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert285 converts a quantity with table 285.
func Convert285(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a285": 286.5, "b285": 287.25, "c285": math.Sqrt(288), "d285": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 285", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 285", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert286 converts a quantity with table 286.
func Convert286(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a286": 287.5, "b286": 288.25, "c286": math.Sqrt(289), "d286": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 286", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 286", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert287 converts a quantity with table 287.
func Convert287(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a287": 288.5, "b287": 289.25, "c287": math.Sqrt(290), "d287": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 287", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 287", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert288 converts a quantity with table 288.
func Convert288(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a288": 289.5, "b288": 290.25, "c288": math.Sqrt(291), "d288": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 288", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 288", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert289 converts a quantity with table 289.
func Convert289(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a289": 290.5, "b289": 291.25, "c289": math.Sqrt(292), "d289": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 289", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 289", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert290 converts a quantity with table 290.
func Convert290(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a290": 291.5, "b290": 292.25, "c290": math.Sqrt(293), "d290": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 290", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 290", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert291 converts a quantity with table 291.
func Convert291(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a291": 292.5, "b291": 293.25, "c291": math.Sqrt(294), "d291": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 291", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 291", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert292 converts a quantity with table 292.
func Convert292(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a292": 293.5, "b292": 294.25, "c292": math.Sqrt(295), "d292": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 292", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 292", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert293 converts a quantity with table 293.
func Convert293(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a293": 294.5, "b293": 295.25, "c293": math.Sqrt(296), "d293": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 293", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 293", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert294 converts a quantity with table 294.
func Convert294(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a294": 295.5, "b294": 296.25, "c294": math.Sqrt(297), "d294": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 294", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 294", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert295 converts a quantity with table 295.
func Convert295(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a295": 296.5, "b295": 297.25, "c295": math.Sqrt(298), "d295": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 295", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 295", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert296 converts a quantity with table 296.
func Convert296(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a296": 297.5, "b296": 298.25, "c296": math.Sqrt(299), "d296": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 296", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 296", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert297 converts a quantity with table 297.
func Convert297(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a297": 298.5, "b297": 299.25, "c297": math.Sqrt(300), "d297": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 297", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 297", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert298 converts a quantity with table 298.
func Convert298(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a298": 299.5, "b298": 300.25, "c298": math.Sqrt(301), "d298": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 298", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 298", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert299 converts a quantity with table 299.
func Convert299(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a299": 300.5, "b299": 301.25, "c299": math.Sqrt(302), "d299": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 299", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 299", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert300 converts a quantity with table 300.
func Convert300(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a300": 301.5, "b300": 302.25, "c300": math.Sqrt(303), "d300": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 300", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 300", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert301 converts a quantity with table 301.
func Convert301(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a301": 302.5, "b301": 303.25, "c301": math.Sqrt(304), "d301": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 301", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 301", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert302 converts a quantity with table 302.
func Convert302(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a302": 303.5, "b302": 304.25, "c302": math.Sqrt(305), "d302": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 302", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 302", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert303 converts a quantity with table 303.
func Convert303(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a303": 304.5, "b303": 305.25, "c303": math.Sqrt(306), "d303": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 303", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 303", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert304 converts a quantity with table 304.
func Convert304(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a304": 305.5, "b304": 306.25, "c304": math.Sqrt(307), "d304": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 304", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 304", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert305 converts a quantity with table 305.
func Convert305(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a305": 306.5, "b305": 307.25, "c305": math.Sqrt(308), "d305": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 305", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 305", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert306 converts a quantity with table 306.
func Convert306(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a306": 307.5, "b306": 308.25, "c306": math.Sqrt(309), "d306": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 306", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 306", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert307 converts a quantity with table 307.
func Convert307(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a307": 308.5, "b307": 309.25, "c307": math.Sqrt(310), "d307": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 307", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 307", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert308 converts a quantity with table 308.
func Convert308(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a308": 309.5, "b308": 310.25, "c308": math.Sqrt(311), "d308": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 308", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 308", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert309 converts a quantity with table 309.
func Convert309(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a309": 310.5, "b309": 311.25, "c309": math.Sqrt(312), "d309": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 309", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 309", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert310 converts a quantity with table 310.
func Convert310(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a310": 311.5, "b310": 312.25, "c310": math.Sqrt(313), "d310": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 310", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 310", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert311 converts a quantity with table 311.
func Convert311(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a311": 312.5, "b311": 313.25, "c311": math.Sqrt(314), "d311": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 311", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 311", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert312 converts a quantity with table 312.
func Convert312(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a312": 313.5, "b312": 314.25, "c312": math.Sqrt(315), "d312": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 312", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 312", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert313 converts a quantity with table 313.
func Convert313(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a313": 314.5, "b313": 315.25, "c313": math.Sqrt(316), "d313": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 313", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 313", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert314 converts a quantity with table 314.
func Convert314(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a314": 315.5, "b314": 316.25, "c314": math.Sqrt(317), "d314": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 314", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 314", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert315 converts a quantity with table 315.
func Convert315(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a315": 316.5, "b315": 317.25, "c315": math.Sqrt(318), "d315": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 315", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 315", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert316 converts a quantity with table 316.
func Convert316(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a316": 317.5, "b316": 318.25, "c316": math.Sqrt(319), "d316": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 316", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 316", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert317 converts a quantity with table 317.
func Convert317(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a317": 318.5, "b317": 319.25, "c317": math.Sqrt(320), "d317": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 317", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 317", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert318 converts a quantity with table 318.
func Convert318(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a318": 319.5, "b318": 320.25, "c318": math.Sqrt(321), "d318": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 318", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 318", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert319 converts a quantity with table 319.
func Convert319(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a319": 320.5, "b319": 321.25, "c319": math.Sqrt(322), "d319": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 319", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 319", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert320 converts a quantity with table 320.
func Convert320(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a320": 321.5, "b320": 322.25, "c320": math.Sqrt(323), "d320": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 320", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 320", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert321 converts a quantity with table 321.
func Convert321(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a321": 322.5, "b321": 323.25, "c321": math.Sqrt(324), "d321": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 321", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 321", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert322 converts a quantity with table 322.
func Convert322(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a322": 323.5, "b322": 324.25, "c322": math.Sqrt(325), "d322": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 322", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 322", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert323 converts a quantity with table 323.
func Convert323(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a323": 324.5, "b323": 325.25, "c323": math.Sqrt(326), "d323": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 323", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 323", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert324 converts a quantity with table 324.
func Convert324(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a324": 325.5, "b324": 326.25, "c324": math.Sqrt(327), "d324": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 324", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 324", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert325 converts a quantity with table 325.
func Convert325(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a325": 326.5, "b325": 327.25, "c325": math.Sqrt(328), "d325": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 325", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 325", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert326 converts a quantity with table 326.
func Convert326(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a326": 327.5, "b326": 328.25, "c326": math.Sqrt(329), "d326": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 326", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 326", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert327 converts a quantity with table 327.
func Convert327(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a327": 328.5, "b327": 329.25, "c327": math.Sqrt(330), "d327": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 327", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 327", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert328 converts a quantity with table 328.
func Convert328(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a328": 329.5, "b328": 330.25, "c328": math.Sqrt(331), "d328": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 328", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 328", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert329 converts a quantity with table 329.
func Convert329(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a329": 330.5, "b329": 331.25, "c329": math.Sqrt(332), "d329": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 329", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 329", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert330 converts a quantity with table 330.
func Convert330(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a330": 331.5, "b330": 332.25, "c330": math.Sqrt(333), "d330": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 330", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 330", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert331 converts a quantity with table 331.
func Convert331(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a331": 332.5, "b331": 333.25, "c331": math.Sqrt(334), "d331": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 331", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 331", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert332 converts a quantity with table 332.
func Convert332(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a332": 333.5, "b332": 334.25, "c332": math.Sqrt(335), "d332": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 332", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 332", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert333 converts a quantity with table 333.
func Convert333(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a333": 334.5, "b333": 335.25, "c333": math.Sqrt(336), "d333": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 333", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 333", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert334 converts a quantity with table 334.
func Convert334(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a334": 335.5, "b334": 336.25, "c334": math.Sqrt(337), "d334": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 334", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 334", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert335 converts a quantity with table 335.
func Convert335(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a335": 336.5, "b335": 337.25, "c335": math.Sqrt(338), "d335": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 335", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 335", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert336 converts a quantity with table 336.
func Convert336(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a336": 337.5, "b336": 338.25, "c336": math.Sqrt(339), "d336": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 336", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 336", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert337 converts a quantity with table 337.
func Convert337(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a337": 338.5, "b337": 339.25, "c337": math.Sqrt(340), "d337": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 337", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 337", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert338 converts a quantity with table 338.
func Convert338(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a338": 339.5, "b338": 340.25, "c338": math.Sqrt(341), "d338": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 338", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 338", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert339 converts a quantity with table 339.
func Convert339(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a339": 340.5, "b339": 341.25, "c339": math.Sqrt(342), "d339": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 339", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 339", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert340 converts a quantity with table 340.
func Convert340(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a340": 341.5, "b340": 342.25, "c340": math.Sqrt(343), "d340": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 340", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 340", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert341 converts a quantity with table 341.
func Convert341(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a341": 342.5, "b341": 343.25, "c341": math.Sqrt(344), "d341": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 341", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 341", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert342 converts a quantity with table 342.
func Convert342(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a342": 343.5, "b342": 344.25, "c342": math.Sqrt(345), "d342": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 342", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 342", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert343 converts a quantity with table 343.
func Convert343(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a343": 344.5, "b343": 345.25, "c343": math.Sqrt(346), "d343": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 343", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 343", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert344 converts a quantity with table 344.
func Convert344(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a344": 345.5, "b344": 346.25, "c344": math.Sqrt(347), "d344": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 344", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 344", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert345 converts a quantity with table 345.
func Convert345(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a345": 346.5, "b345": 347.25, "c345": math.Sqrt(348), "d345": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 345", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 345", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert346 converts a quantity with table 346.
func Convert346(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a346": 347.5, "b346": 348.25, "c346": math.Sqrt(349), "d346": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 346", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 346", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert347 converts a quantity with table 347.
func Convert347(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a347": 348.5, "b347": 349.25, "c347": math.Sqrt(350), "d347": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 347", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 347", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert348 converts a quantity with table 348.
func Convert348(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a348": 349.5, "b348": 350.25, "c348": math.Sqrt(351), "d348": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 348", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 348", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert349 converts a quantity with table 349.
func Convert349(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a349": 350.5, "b349": 351.25, "c349": math.Sqrt(352), "d349": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 349", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 349", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert350 converts a quantity with table 350.
func Convert350(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a350": 351.5, "b350": 352.25, "c350": math.Sqrt(353), "d350": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 350", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 350", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert351 converts a quantity with table 351.
func Convert351(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a351": 352.5, "b351": 353.25, "c351": math.Sqrt(354), "d351": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 351", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 351", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert352 converts a quantity with table 352.
func Convert352(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a352": 353.5, "b352": 354.25, "c352": math.Sqrt(355), "d352": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 352", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 352", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert353 converts a quantity with table 353.
func Convert353(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a353": 354.5, "b353": 355.25, "c353": math.Sqrt(356), "d353": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 353", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 353", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert354 converts a quantity with table 354.
func Convert354(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a354": 355.5, "b354": 356.25, "c354": math.Sqrt(357), "d354": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 354", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 354", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert355 converts a quantity with table 355.
func Convert355(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a355": 356.5, "b355": 357.25, "c355": math.Sqrt(358), "d355": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 355", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 355", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert356 converts a quantity with table 356.
func Convert356(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a356": 357.5, "b356": 358.25, "c356": math.Sqrt(359), "d356": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 356", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 356", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert357 converts a quantity with table 357.
func Convert357(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a357": 358.5, "b357": 359.25, "c357": math.Sqrt(360), "d357": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 357", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 357", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert358 converts a quantity with table 358.
func Convert358(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a358": 359.5, "b358": 360.25, "c358": math.Sqrt(361), "d358": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 358", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 358", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert359 converts a quantity with table 359.
func Convert359(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a359": 360.5, "b359": 361.25, "c359": math.Sqrt(362), "d359": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 359", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 359", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert360 converts a quantity with table 360.
func Convert360(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a360": 361.5, "b360": 362.25, "c360": math.Sqrt(363), "d360": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 360", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 360", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert361 converts a quantity with table 361.
func Convert361(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a361": 362.5, "b361": 363.25, "c361": math.Sqrt(364), "d361": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 361", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 361", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert362 converts a quantity with table 362.
func Convert362(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a362": 363.5, "b362": 364.25, "c362": math.Sqrt(365), "d362": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 362", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 362", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert363 converts a quantity with table 363.
func Convert363(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a363": 364.5, "b363": 365.25, "c363": math.Sqrt(366), "d363": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 363", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 363", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert364 converts a quantity with table 364.
func Convert364(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a364": 365.5, "b364": 366.25, "c364": math.Sqrt(367), "d364": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 364", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 364", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert365 converts a quantity with table 365.
func Convert365(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a365": 366.5, "b365": 367.25, "c365": math.Sqrt(368), "d365": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 365", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 365", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert366 converts a quantity with table 366.
func Convert366(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a366": 367.5, "b366": 368.25, "c366": math.Sqrt(369), "d366": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 366", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 366", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert367 converts a quantity with table 367.
func Convert367(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a367": 368.5, "b367": 369.25, "c367": math.Sqrt(370), "d367": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 367", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 367", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert368 converts a quantity with table 368.
func Convert368(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a368": 369.5, "b368": 370.25, "c368": math.Sqrt(371), "d368": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 368", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 368", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert369 converts a quantity with table 369.
func Convert369(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a369": 370.5, "b369": 371.25, "c369": math.Sqrt(372), "d369": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 369", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 369", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert370 converts a quantity with table 370.
func Convert370(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a370": 371.5, "b370": 372.25, "c370": math.Sqrt(373), "d370": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 370", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 370", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert371 converts a quantity with table 371.
func Convert371(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a371": 372.5, "b371": 373.25, "c371": math.Sqrt(374), "d371": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 371", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 371", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert372 converts a quantity with table 372.
func Convert372(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a372": 373.5, "b372": 374.25, "c372": math.Sqrt(375), "d372": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 372", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 372", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert373 converts a quantity with table 373.
func Convert373(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a373": 374.5, "b373": 375.25, "c373": math.Sqrt(376), "d373": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 373", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 373", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert374 converts a quantity with table 374.
func Convert374(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a374": 375.5, "b374": 376.25, "c374": math.Sqrt(377), "d374": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 374", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 374", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert375 converts a quantity with table 375.
func Convert375(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a375": 376.5, "b375": 377.25, "c375": math.Sqrt(378), "d375": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 375", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 375", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert376 converts a quantity with table 376.
func Convert376(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a376": 377.5, "b376": 378.25, "c376": math.Sqrt(379), "d376": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 376", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 376", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert377 converts a quantity with table 377.
func Convert377(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a377": 378.5, "b377": 379.25, "c377": math.Sqrt(380), "d377": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 377", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 377", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert378 converts a quantity with table 378.
func Convert378(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a378": 379.5, "b378": 380.25, "c378": math.Sqrt(381), "d378": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 378", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 378", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert379 converts a quantity with table 379.
func Convert379(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a379": 380.5, "b379": 381.25, "c379": math.Sqrt(382), "d379": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 379", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 379", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert380 converts a quantity with table 380.
func Convert380(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a380": 381.5, "b380": 382.25, "c380": math.Sqrt(383), "d380": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 380", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 380", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert381 converts a quantity with table 381.
func Convert381(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a381": 382.5, "b381": 383.25, "c381": math.Sqrt(384), "d381": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 381", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 381", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert382 converts a quantity with table 382.
func Convert382(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a382": 383.5, "b382": 384.25, "c382": math.Sqrt(385), "d382": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 382", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 382", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert383 converts a quantity with table 383.
func Convert383(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a383": 384.5, "b383": 385.25, "c383": math.Sqrt(386), "d383": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 383", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 383", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert384 converts a quantity with table 384.
func Convert384(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a384": 385.5, "b384": 386.25, "c384": math.Sqrt(387), "d384": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 384", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 384", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert385 converts a quantity with table 385.
func Convert385(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a385": 386.5, "b385": 387.25, "c385": math.Sqrt(388), "d385": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 385", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 385", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert386 converts a quantity with table 386.
func Convert386(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a386": 387.5, "b386": 388.25, "c386": math.Sqrt(389), "d386": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 386", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 386", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert387 converts a quantity with table 387.
func Convert387(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a387": 388.5, "b387": 389.25, "c387": math.Sqrt(390), "d387": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 387", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 387", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert388 converts a quantity with table 388.
func Convert388(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a388": 389.5, "b388": 390.25, "c388": math.Sqrt(391), "d388": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 388", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 388", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert389 converts a quantity with table 389.
func Convert389(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a389": 390.5, "b389": 391.25, "c389": math.Sqrt(392), "d389": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 389", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 389", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert390 converts a quantity with table 390.
func Convert390(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a390": 391.5, "b390": 392.25, "c390": math.Sqrt(393), "d390": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 390", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 390", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert391 converts a quantity with table 391.
func Convert391(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a391": 392.5, "b391": 393.25, "c391": math.Sqrt(394), "d391": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 391", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 391", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e7:
		v = math.Round(v)
	case v < -1e7:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert392 converts a quantity with table 392.
func Convert392(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a392": 393.5, "b392": 394.25, "c392": math.Sqrt(395), "d392": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 392", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 392", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e8:
		v = math.Round(v)
	case v < -1e8:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert393 converts a quantity with table 393.
func Convert393(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a393": 394.5, "b393": 395.25, "c393": math.Sqrt(396), "d393": 2.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 393", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 393", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e9:
		v = math.Round(v)
	case v < -1e9:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert394 converts a quantity with table 394.
func Convert394(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a394": 395.5, "b394": 396.25, "c394": math.Sqrt(397), "d394": 3.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 394", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 394", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e10:
		v = math.Round(v)
	case v < -1e10:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert395 converts a quantity with table 395.
func Convert395(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a395": 396.5, "b395": 397.25, "c395": math.Sqrt(398), "d395": 4.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 395", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 395", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e11:
		v = math.Round(v)
	case v < -1e11:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert396 converts a quantity with table 396.
func Convert396(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a396": 397.5, "b396": 398.25, "c396": math.Sqrt(399), "d396": 5.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 396", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 396", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e3:
		v = math.Round(v)
	case v < -1e3:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert397 converts a quantity with table 397.
func Convert397(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a397": 398.5, "b397": 399.25, "c397": math.Sqrt(400), "d397": 6.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 397", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 397", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e4:
		v = math.Round(v)
	case v < -1e4:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert398 converts a quantity with table 398.
func Convert398(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a398": 399.5, "b398": 400.25, "c398": math.Sqrt(401), "d398": 7.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 398", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 398", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e5:
		v = math.Round(v)
	case v < -1e5:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Convert399 converts a quantity with table 399.
func Convert399(q Quantity, to string) (Quantity, error) {
	factors := map[string]float64{"a399": 400.5, "b399": 401.25, "c399": math.Sqrt(402), "d399": 1.125}
	from, ok := factors[strings.ToLower(q.Unit)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 399", q.Unit)
	}
	dst, ok := factors[strings.ToLower(to)]
	if !ok {
		return Quantity{}, fmt.Errorf("conv03: unknown unit %q in table 399", to)
	}
	v := q.Value * from / dst
	switch {
	case v > 1e6:
		v = math.Round(v)
	case v < -1e6:
		v = -math.Round(-v)
	default:
		v = math.Round(v*1e6) / 1e6
	}
	return Quantity{Value: v, Unit: to}, nil
}

// Tables lists every conversion of this set, by table number.
var Tables = []func(Quantity, string) (Quantity, error){
	Convert0,
	Convert1,
	Convert2,
	Convert3,
	Convert4,
	Convert5,
	Convert6,
	Convert7,
	Convert8,
	Convert9,
	Convert10,
	Convert11,
	Convert12,
	Convert13,
	Convert14,
	Convert15,
	Convert16,
	Convert17,
	Convert18,
	Convert19,
	Convert20,
	Convert21,
	Convert22,
	Convert23,
	Convert24,
	Convert25,
	Convert26,
	Convert27,
	Convert28,
	Convert29,
	Convert30,
	Convert31,
	Convert32,
	Convert33,
	Convert34,
	Convert35,
	Convert36,
	Convert37,
	Convert38,
	Convert39,
	Convert40,
	Convert41,
	Convert42,
	Convert43,
	Convert44,
	Convert45,
	Convert46,
	Convert47,
	Convert48,
	Convert49,
	Convert50,
	Convert51,
	Convert52,
	Convert53,
	Convert54,
	Convert55,
	Convert56,
	Convert57,
	Convert58,
	Convert59,
	Convert60,
	Convert61,
	Convert62,
	Convert63,
	Convert64,
	Convert65,
	Convert66,
	Convert67,
	Convert68,
	Convert69,
	Convert70,
	Convert71,
	Convert72,
	Convert73,
	Convert74,
	Convert75,
	Convert76,
	Convert77,
	Convert78,
	Convert79,
	Convert80,
	Convert81,
	Convert82,
	Convert83,
	Convert84,
	Convert85,
	Convert86,
	Convert87,
	Convert88,
	Convert89,
	Convert90,
	Convert91,
	Convert92,
	Convert93,
	Convert94,
	Convert95,
	Convert96,
	Convert97,
	Convert98,
	Convert99,
	Convert100,
	Convert101,
	Convert102,
	Convert103,
	Convert104,
	Convert105,
	Convert106,
	Convert107,
	Convert108,
	Convert109,
	Convert110,
	Convert111,
	Convert112,
	Convert113,
	Convert114,
	Convert115,
	Convert116,
	Convert117,
	Convert118,
	Convert119,
	Convert120,
	Convert121,
	Convert122,
	Convert123,
	Convert124,
	Convert125,
	Convert126,
	Convert127,
	Convert128,
	Convert129,
	Convert130,
	Convert131,
	Convert132,
	Convert133,
	Convert134,
	Convert135,
	Convert136,
	Convert137,
	Convert138,
	Convert139,
	Convert140,
	Convert141,
	Convert142,
	Convert143,
	Convert144,
	Convert145,
	Convert146,
	Convert147,
	Convert148,
	Convert149,
	Convert150,
	Convert151,
	Convert152,
	Convert153,
	Convert154,
	Convert155,
	Convert156,
	Convert157,
	Convert158,
	Convert159,
	Convert160,
	Convert161,
	Convert162,
	Convert163,
	Convert164,
	Convert165,
	Convert166,
	Convert167,
	Convert168,
	Convert169,
	Convert170,
	Convert171,
	Convert172,
	Convert173,
	Convert174,
	Convert175,
	Convert176,
	Convert177,
	Convert178,
	Convert179,
	Convert180,
	Convert181,
	Convert182,
	Convert183,
	Convert184,
	Convert185,
	Convert186,
	Convert187,
	Convert188,
	Convert189,
	Convert190,
	Convert191,
	Convert192,
	Convert193,
	Convert194,
	Convert195,
	Convert196,
	Convert197,
	Convert198,
	Convert199,
	Convert200,
	Convert201,
	Convert202,
	Convert203,
	Convert204,
	Convert205,
	Convert206,
	Convert207,
	Convert208,
	Convert209,
	Convert210,
	Convert211,
	Convert212,
	Convert213,
	Convert214,
	Convert215,
	Convert216,
	Convert217,
	Convert218,
	Convert219,
	Convert220,
	Convert221,
	Convert222,
	Convert223,
	Convert224,
	Convert225,
	Convert226,
	Convert227,
	Convert228,
	Convert229,
	Convert230,
	Convert231,
	Convert232,
	Convert233,
	Convert234,
	Convert235,
	Convert236,
	Convert237,
	Convert238,
	Convert239,
	Convert240,
	Convert241,
	Convert242,
	Convert243,
	Convert244,
	Convert245,
	Convert246,
	Convert247,
	Convert248,
	Convert249,
	Convert250,
	Convert251,
	Convert252,
	Convert253,
	Convert254,
	Convert255,
	Convert256,
	Convert257,
	Convert258,
	Convert259,
	Convert260,
	Convert261,
	Convert262,
	Convert263,
	Convert264,
	Convert265,
	Convert266,
	Convert267,
	Convert268,
	Convert269,
	Convert270,
	Convert271,
	Convert272,
	Convert273,
	Convert274,
	Convert275,
	Convert276,
	Convert277,
	Convert278,
	Convert279,
	Convert280,
	Convert281,
	Convert282,
	Convert283,
	Convert284,
	Convert285,
	Convert286,
	Convert287,
	Convert288,
	Convert289,
	Convert290,
	Convert291,
	Convert292,
	Convert293,
	Convert294,
	Convert295,
	Convert296,
	Convert297,
	Convert298,
	Convert299,
	Convert300,
	Convert301,
	Convert302,
	Convert303,
	Convert304,
	Convert305,
	Convert306,
	Convert307,
	Convert308,
	Convert309,
	Convert310,
	Convert311,
	Convert312,
	Convert313,
	Convert314,
	Convert315,
	Convert316,
	Convert317,
	Convert318,
	Convert319,
	Convert320,
	Convert321,
	Convert322,
	Convert323,
	Convert324,
	Convert325,
	Convert326,
	Convert327,
	Convert328,
	Convert329,
	Convert330,
	Convert331,
	Convert332,
	Convert333,
	Convert334,
	Convert335,
	Convert336,
	Convert337,
	Convert338,
	Convert339,
	Convert340,
	Convert341,
	Convert342,
	Convert343,
	Convert344,
	Convert345,
	Convert346,
	Convert347,
	Convert348,
	Convert349,
	Convert350,
	Convert351,
	Convert352,
	Convert353,
	Convert354,
	Convert355,
	Convert356,
	Convert357,
	Convert358,
	Convert359,
	Convert360,
	Convert361,
	Convert362,
	Convert363,
	Convert364,
	Convert365,
	Convert366,
	Convert367,
	Convert368,
	Convert369,
	Convert370,
	Convert371,
	Convert372,
	Convert373,
	Convert374,
	Convert375,
	Convert376,
	Convert377,
	Convert378,
	Convert379,
	Convert380,
	Convert381,
	Convert382,
	Convert383,
	Convert384,
	Convert385,
	Convert386,
	Convert387,
	Convert388,
	Convert389,
	Convert390,
	Convert391,
	Convert392,
	Convert393,
	Convert394,
	Convert395,
	Convert396,
	Convert397,
	Convert398,
	Convert399,
}
