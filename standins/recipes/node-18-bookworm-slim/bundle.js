// Make a self-contained copy of a Debian-packaged node program (npm), the way upstream ships it:
// the program's directory plus, in its node_modules, every package it loads at run time.
//
// Debian installs npm's dependencies as separate packages in /usr/share/nodejs, and their apt
// dependencies drag in ~200 MB more (webpack, babel, core-js, python3, libssl-dev...): a
// node:18-slim stand-in with Debian's npm was 70% larger than the official image. package.json
// dependencies are not a reliable guide (Debian patches some requires to other modules), and
// package-level scanning drags in whatever test files require. So this follows the module graph
// file by file, as a bundler does: from every file of the program itself, through the
// require()/import specifiers in each file reached, to the files they resolve to. Every package
// a reached file belongs to is copied whole.
//
// Usage: node bundle.js PACKAGE_DIR OUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");

const [pkgDir, outDir] = process.argv.slice(2).map((p) => p && path.resolve(p));
if (!pkgDir || !outDir) {
  console.error("usage: node bundle.js PACKAGE_DIR OUT_DIR");
  process.exit(2);
}
const globalDirs = ["/usr/lib/x86_64-linux-gnu/nodejs", "/usr/share/nodejs", "/usr/lib/nodejs"];
const builtin = new Set(require("module").builtinModules);
const SPECIFIER =
  /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s+|^\s*import\s+|\brequire\.resolve\s*\(\s*)["']([^"']+)["']/gm;
const CODE = /\.(c|m)?js$/;

const root = fs.realpathSync(pkgDir);
const external = new Map(); // package name -> real directory outside the program's own tree
const unresolved = new Set();

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return {};
  }
}

// Drop comments so that specifiers in them do not count (a URL in a string may lose the rest of
// its line: only a require on that very line is missed, and the run-time test would show it).
function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

// The package directory (has package.json) that a file belongs to.
function packageOf(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (isFile(path.join(dir, "package.json")) && readJson(path.join(dir, "package.json")).name) {
      return dir;
    }
  }
  return null;
}

// Node's lookup of a bare package name: node_modules of the directory and its parents, then the
// global directories that Debian's node searches.
function resolvePackage(name, fromDir) {
  const candidates = [];
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== "node_modules") candidates.push(path.join(dir, "node_modules", name));
    if (dir === path.dirname(dir)) break;
  }
  for (const g of globalDirs) candidates.push(path.join(g, name));
  for (const c of candidates) {
    if (fs.existsSync(c)) return fs.realpathSync(c);
  }
  return null;
}

function resolveFile(p) {
  const exts = ["", ".js", ".cjs", ".mjs", ".json", ".node"];
  for (const c of [...exts.map((e) => p + e), ...exts.slice(1).map((e) => `${p}/index${e}`)]) {
    if (isFile(c)) return fs.realpathSync(c);
  }
  if (isFile(path.join(p, "package.json"))) {
    const main = readJson(path.join(p, "package.json")).main;
    if (main) return resolveFile(path.join(p, main));
  }
  return null;
}

// Every string in an exports/imports map: all conditions, since we cannot know which one applies.
function mapTargets(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") for (const v of Object.values(value)) mapTargets(v, out);
  return out;
}

// Entry files of a package: main, and every target of its exports map.
function entries(dir) {
  const pkg = readJson(path.join(dir, "package.json"));
  const targets = [pkg.main || "index", ...mapTargets(pkg.exports)];
  return targets.map((t) => resolveFile(path.join(dir, t))).filter(Boolean);
}

const seen = new Set();
const queue = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory() && e.name !== "node_modules") walk(p);
    else if (e.isFile() && (CODE.test(e.name) || d.endsWith("/bin"))) queue.push(p);
  }
};
walk(root);

while (queue.length) {
  const file = fs.realpathSync(queue.shift());
  if (seen.has(file)) continue;
  seen.add(file);
  const pkgRoot = packageOf(file);
  if (pkgRoot && !pkgRoot.startsWith(root + path.sep) && pkgRoot !== root) {
    const name = readJson(path.join(pkgRoot, "package.json")).name;
    // Nested copies live inside their parent package, which is copied whole.
    const nested = [...external.values()].some((d) => pkgRoot.startsWith(d + path.sep));
    if (!nested && !external.has(name)) external.set(name, pkgRoot);
  }
  // JSON and other data files count for their package, but name no modules.
  if (!CODE.test(file) && !file.includes("/bin/")) continue;
  const src = stripComments(fs.readFileSync(file, "utf8"));
  for (const m of src.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (spec.startsWith("node:") || builtin.has(spec.split("/")[0])) continue;
    if (spec.startsWith(".") || spec.startsWith("/")) {
      const target = resolveFile(path.resolve(path.dirname(file), spec));
      if (target) queue.push(target);
      continue;
    }
    if (spec.startsWith("#")) {
      if (pkgRoot) {
        const imports = readJson(path.join(pkgRoot, "package.json")).imports;
        for (const t of mapTargets(imports && imports[spec])) {
          const target = resolveFile(path.join(pkgRoot, t));
          if (target) queue.push(target);
        }
      }
      continue;
    }
    const parts = spec.split("/");
    const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
    const sub = parts.slice(spec.startsWith("@") ? 2 : 1).join("/");
    const dir = resolvePackage(name, path.dirname(file));
    if (!dir) {
      unresolved.add(`${name} (in ${file})`);
      continue;
    }
    if (sub) {
      const target = resolveFile(path.join(dir, sub));
      if (target) queue.push(target);
      continue;
    }
    queue.push(...entries(dir));
  }
}

if (unresolved.size) {
  // Debian's own layout cannot resolve these either, so its npm never loads them.
  console.log(`bundle.js: ${unresolved.size} specifiers resolve nowhere (left out), e.g.:`);
  console.log("  " + [...unresolved].slice(0, 8).join("\n  "));
}
fs.cpSync(root, outDir, { recursive: true, dereference: true });
for (const [name, dir] of [...external].sort()) {
  const dest = path.join(outDir, "node_modules", name);
  if (!fs.existsSync(dest)) fs.cpSync(dir, dest, { recursive: true, dereference: true });
}
console.log(`bundle.js: ${path.basename(root)} + ${external.size} packages -> ${outDir}`);
