// Starts @vercel/cosmosdb-server with keep-alive (its CLI closes every connection, which is several times slower).
// Usage: node cosmos-server.mjs <node_modules dir> <cert.pem> <key.pem>
// Listens on a free loopback port and prints "cosmosdb-server listening on <port>" once it accepts connections.
// Exits when its standard input closes, so the server never outlives the test process that started it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [modulesDir, certPath, keyPath] = process.argv.slice(2);
if (!modulesDir || !certPath || !keyPath) {
  console.error("usage: node cosmos-server.mjs <node_modules dir> <cert.pem> <key.pem>");
  process.exit(2);
}

const require = createRequire(join(modulesDir, "index.js"));
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const server = createHttpsServer({
  cert: readFileSync(certPath),
  key: readFileSync(keyPath),
  keepAlive: true,
});
server.keepAliveTimeout = 60_000;

server.on("error", (err) => {
  console.error(`cosmosdb-server failed: ${err.message}`);
  process.exit(1);
});

server.listen(0, "127.0.0.1", () => {
  console.log(`cosmosdb-server listening on ${server.address().port}`);
});

process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
