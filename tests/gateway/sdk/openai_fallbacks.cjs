// Muxi's extensions through the openai SDK: fallback_models, x-muxi-fallbacks
// and retries, with x-muxi-model / x-muxi-attempts; a stream that fails
// before its first token falls back, one that fails after it ends in an error.
const OpenAI = require('openai');
const { assert, url, key, run } = require('./common.cjs');

const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1` });
const messages = [{ role: 'user', content: 'hi' }];

run({
  async fallbackModelsInTheBody() {
    const { data, response } = await client.chat.completions
      .create({ model: 'openai/gpt-503', messages, fallback_models: ['openai/gpt-ok'] })
      .withResponse();
    assert.equal(data.choices[0].message.content, 'Hello there.');
    assert.equal(response.headers.get('x-muxi-model'), 'openai/gpt-ok');
    assert.equal(response.headers.get('x-muxi-attempts'), '2');
  },

  async fallbacksFromTheHeader() {
    const { response } = await client.chat.completions
      .create({ model: 'openai/gpt-503', messages }, { headers: { 'x-muxi-fallbacks': 'openai/gpt-429, openai/gpt-ok' } })
      .withResponse();
    assert.equal(response.headers.get('x-muxi-model'), 'openai/gpt-ok');
    assert.equal(response.headers.get('x-muxi-attempts'), '3');
  },

  async retriesFieldRetriesTheSameModel() {
    const { response } = await client.chat.completions
      .create({ model: 'openai/gpt-503', messages, retries: 1, fallback_models: ['openai/gpt-ok'] })
      .withResponse();
    assert.equal(response.headers.get('x-muxi-model'), 'openai/gpt-ok');
    assert.equal(response.headers.get('x-muxi-attempts'), '3');
  },

  async streamFallsBackBeforeItsFirstToken() {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'openai/gpt-500', messages, stream: true, fallback_models: ['openai/gpt-ok'] })
      .withResponse();
    assert.equal(response.headers.get('x-muxi-model'), 'openai/gpt-ok');
    assert.equal(response.headers.get('x-muxi-attempts'), '2');
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'Hello');
  },

  async failureAfterTheFirstTokenIsAnErrorInTheStream() {
    const stream = await client.chat.completions.create({ model: 'openai/gpt-cut', messages, stream: true, fallback_models: ['openai/gpt-ok'] });
    let text = '';
    let thrown = null;
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    } catch (error) {
      thrown = error;
    }
    assert.equal(text, 'Hello');
    assert.ok(thrown instanceof OpenAI.APIError, `no APIError after a cut stream: ${thrown}`);
    assert.match(thrown.message, /openai\/gpt-cut/);
  },

  async allModelsFailingGivesTheLastError() {
    await assert.rejects(
      client.chat.completions.create({ model: 'openai/gpt-500', messages, fallback_models: ['openai/gpt-context'] }),
      (error) => error instanceof OpenAI.BadRequestError && error.code === 'context_length_exceeded',
    );
  },
});
