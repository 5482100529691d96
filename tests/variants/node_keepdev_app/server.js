// A server that requires a devDependency at run time (as nodejs-goof's `debug` loads
// `supports-color`): a production-only install breaks it.
const http = require("http");
const supportsColor = require("supports-color");

http
  .createServer((req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`colour: ${supportsColor.stdout ? "yes" : "no"}\n`);
  })
  .listen(8080);
