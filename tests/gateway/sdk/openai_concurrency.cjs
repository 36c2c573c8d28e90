// 64 streams at once through one gateway, each 200 chunks long: every one
// arrives whole and in order.
const OpenAI = require('openai');
const { assert, url, key, run, metrics } = require('./common.cjs');

const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1` });
const expected = Array.from({ length: 200 }, (_, i) => `t${i} `).join('');

run({
  async sixtyFourConcurrentStreams() {
    const one = async () => {
      const stream = await client.chat.completions.create({ model: 'openai/gpt-long', messages: [{ role: 'user', content: 'go' }], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      return text;
    };
    const texts = await Promise.all(Array.from({ length: 64 }, one));
    for (const text of texts) assert.equal(text, expected);
    assert.equal((await metrics())['muxi_requests_in_flight'], 0);
  },
});
