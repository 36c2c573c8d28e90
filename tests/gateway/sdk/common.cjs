// Shared by the gateway SDK scripts: the server's address and key from the
// environment the C++ driver sets, and a runner that names the failing check.
const assert = require('node:assert/strict');

const url = process.env.MUXI_URL;
const key = process.env.MUXI_KEY;
const upstreamKey = process.env.MUXI_UPSTREAM_KEY;

async function run(checks) {
  let failed = 0;
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

// The gateway's /metrics as { 'name{labels}': value }.
async function metrics() {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200);
  const values = {};
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values[line.slice(0, space)] = Number(line.slice(space + 1));
  }
  return values;
}

// Waits for a state the server reaches on its own (not a timing assertion).
async function eventually(what, predicate, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function noKeyIn(text) {
  assert.ok(!String(text).includes(upstreamKey), 'the upstream key leaked');
  assert.ok(!String(text).includes(key), 'the gateway key leaked');
}

module.exports = { assert, url, key, run, metrics, eventually, noKeyIn };
