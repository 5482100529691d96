"""Regenerate vendor/example.com/unitlib, the vendored module of this sample app.

The module stands for the large dependencies a real Go service vendors (no module proxy is
reachable where imgopt is measured): generated, deterministic conversion tables whose compilation
takes tens of seconds, so a rebuild that starts from an empty Go build cache is slow.

Run from the app folder:  python3 tools/gen_unitlib.py
"""

from __future__ import annotations

from pathlib import Path

PACKAGES = 6
FUNCS = 400
ROOT = Path("vendor/example.com/unitlib")


def package(p: int) -> str:
    out = [
        f"// Package conv{p:02d} holds generated unit conversions (set {p}).\n",
        f"package conv{p:02d}\n\n",
        'import (\n\t"fmt"\n\t"math"\n\t"strings"\n)\n\n',
        "// Quantity is a value in a unit.\ntype Quantity struct {\n\tValue float64\n",
        "\tUnit  string\n}\n\n",
    ]
    for i in range(FUNCS):
        out.append(f"""// Convert{i} converts a quantity with table {i}.
func Convert{i}(q Quantity, to string) (Quantity, error) {{
\tfactors := map[string]float64{{"a{i}": {i + 1}.5, "b{i}": {i + 2}.25, "c{i}": math.Sqrt({i + 3}), "d{i}": {i % 7 + 1}.125}}
\tfrom, ok := factors[strings.ToLower(q.Unit)]
\tif !ok {{
\t\treturn Quantity{{}}, fmt.Errorf("conv{p:02d}: unknown unit %q in table {i}", q.Unit)
\t}}
\tdst, ok := factors[strings.ToLower(to)]
\tif !ok {{
\t\treturn Quantity{{}}, fmt.Errorf("conv{p:02d}: unknown unit %q in table {i}", to)
\t}}
\tv := q.Value * from / dst
\tswitch {{
\tcase v > 1e{i % 9 + 3}:
\t\tv = math.Round(v)
\tcase v < -1e{i % 9 + 3}:
\t\tv = -math.Round(-v)
\tdefault:
\t\tv = math.Round(v*1e6) / 1e6
\t}}
\treturn Quantity{{Value: v, Unit: to}}, nil
}}

""")
    out.append("// Tables lists every conversion of this set, by table number.\n")
    out.append("var Tables = []func(Quantity, string) (Quantity, error){\n")
    out.extend(f"\tConvert{i},\n" for i in range(FUNCS))
    out.append("}\n")
    return "".join(out)


def main() -> None:
    for p in range(PACKAGES):
        d = ROOT / f"conv{p:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / "conv.go").write_text(package(p))
    (ROOT / "go.mod").write_text("module example.com/unitlib\n\ngo 1.19\n")
    pkgs = "".join(f"example.com/unitlib/conv{p:02d}\n" for p in range(PACKAGES))
    Path("vendor/modules.txt").write_text(
        f"# example.com/unitlib v1.4.2\n## explicit; go 1.19\n{pkgs}"
    )


if __name__ == "__main__":
    main()
