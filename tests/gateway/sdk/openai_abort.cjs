// A client that goes away mid-stream: the gateway aborts its upstream request
// at once, so the in-flight gauge returns to 0 long before the (minutes long)
// upstream stream would have ended, and the request is counted as 499.
const OpenAI = require('openai');
const { assert, url, key, run, metrics, eventually } = require('./common.cjs');

const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1` });

run({
  async abortMidStream() {
    const before = (await metrics())['muxi_requests_total{provider="openai",status="499"}'] ?? 0;
    const stream = await client.chat.completions.create({ model: 'openai/gpt-slow', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let received = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta?.content) received++;
      if (received === 3) break; // leaving the loop aborts the HTTP request
    }
    assert.equal(received, 3);
    await eventually('in-flight back to 0', async () => (await metrics())['muxi_requests_in_flight'] === 0);
    const after = (await metrics())['muxi_requests_total{provider="openai",status="499"}'];
    assert.equal(after, before + 1);
  },

  async abortWithASignal() {
    const before = (await metrics())['muxi_requests_total{provider="openai",status="499"}'];
    const controller = new AbortController();
    const pending = client.chat.completions.create(
      { model: 'openai/gpt-slow', messages: [{ role: 'user', content: 'hi' }], stream: true },
      { signal: controller.signal },
    );
    const stream = await pending;
    controller.abort();
    // The SDK ends an aborted stream quietly or with an error, depending on timing; either is fine.
    try {
      for await (const chunk of stream) void chunk;
    } catch {}
    await eventually('in-flight back to 0', async () => (await metrics())['muxi_requests_in_flight'] === 0);
    assert.equal((await metrics())['muxi_requests_total{provider="openai",status="499"}'], before + 1);
  },
});
