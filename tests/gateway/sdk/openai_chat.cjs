// Chat, streams, tools both ways, attachments, response_format, legacy
// completions, embeddings and models through the official openai SDK.
const OpenAI = require('openai');
const { assert, url, key, run } = require('./common.cjs');

const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1` });
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
  },
};

// What the fake provider received, which gpt-echo answers with.
async function echoed(params) {
  const completion = await client.chat.completions.create({ model: 'openai/gpt-echo', ...params });
  return JSON.parse(completion.choices[0].message.content);
}

run({
  async chatNonStreaming() {
    const { data, response } = await client.chat.completions
      .create({ model: 'openai/gpt-ok', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.choices[0].message.content, 'Hello there.');
    assert.equal(data.choices[0].finish_reason, 'stop');
    assert.equal(data.usage.total_tokens, 12);
    assert.equal(response.headers.get('x-muxi-model'), 'openai/gpt-ok');
    assert.equal(response.headers.get('x-muxi-attempts'), '1');
  },

  async chatStreamingWithUsage() {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-ok',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish = null;
    let usage = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      assert.equal(chunk.object, 'chat.completion.chunk');
      if (chunk.usage) {
        assert.deepEqual(chunk.choices, []);
        usage = chunk.usage;
        continue;
      }
      text += chunk.choices[0].delta.content ?? '';
      finish = chunk.choices[0].finish_reason ?? finish;
    }
    assert.equal(text, 'Hello');
    assert.equal(finish, 'stop');
    assert.ok(chunks >= 3);
    assert.equal(usage.prompt_tokens, 9);
    assert.equal(usage.completion_tokens, 2);
  },

  async streamWithoutIncludeUsageHasNoUsageChunk() {
    const stream = await client.chat.completions.create({ model: 'openai/gpt-ok', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const chunk of stream) {
      assert.ok(!chunk.usage, 'usage sent without include_usage');
      assert.ok(chunk.choices.length > 0);
    }
  },

  async toolCallsNonStreaming() {
    const completion = await client.chat.completions.create({
      model: 'openai/gpt-tools',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [weatherTool],
    });
    const call = completion.choices[0].message.tool_calls[0];
    assert.equal(completion.choices[0].finish_reason, 'tool_calls');
    assert.equal(call.id, 'call_weather_1');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris', days: 3 });
  },

  async toolCallArgumentsStreamInFragments() {
    const stream = await client.chat.completions.create({
      model: 'openai/gpt-tools',
      messages: [{ role: 'user', content: 'weather in Paris?' }],
      tools: [weatherTool],
      stream: true,
    });
    let args = '';
    let name = '';
    let id = '';
    let fragments = 0;
    let finish = null;
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        assert.equal(call.index, 0);
        if (call.id) id = call.id;
        if (call.function?.name) name = call.function.name;
        if (call.function?.arguments) {
          args += call.function.arguments;
          fragments++;
        }
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(id, 'call_weather_1');
    assert.equal(name, 'get_weather');
    assert.ok(fragments > 3, `arguments came in ${fragments} pieces`);
    assert.deepEqual(JSON.parse(args), { city: 'Paris', days: 3 });
    assert.equal(finish, 'tool_calls');
  },

  async toolResultsGoBackUpstream() {
    const sent = await echoed({
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '18 degrees' },
      ],
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    assert.equal(sent.model, 'gpt-echo');
    assert.equal(sent.messages[1].tool_calls[0].function.name, 'get_weather');
    assert.equal(sent.messages[2].role, 'tool');
    assert.equal(sent.messages[2].tool_call_id, 'call_1');
    assert.equal(sent.messages[2].content, '18 degrees');
    assert.equal(sent.tools[0].function.name, 'get_weather');
  },

  async imagesAudioAndResponseFormatReachTheProvider() {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const wav = Buffer.from('RIFF0000WAVEfmt ').toString('base64');
    const sent = await echoed({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${png}`, detail: 'low' } },
            { type: 'input_audio', input_audio: { data: wav, format: 'wav' } },
          ],
        },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      fallback_models: [],
    });
    const parts = sent.messages[0].content;
    assert.equal(parts[1].image_url.url, `data:image/png;base64,${png}`);
    assert.equal(parts[2].input_audio.format, 'wav');
    assert.equal(parts[2].input_audio.data, wav);
    assert.equal(sent.response_format.type, 'json_schema');
    assert.equal(sent.response_format.json_schema.name, 'answer');
    assert.ok(!('fallback_models' in sent), 'muxi extensions must not reach the provider');
  },

  async legacyCompletions() {
    const completion = await client.completions.create({ model: 'openai/gpt-ok', prompt: 'tell me' });
    assert.equal(completion.choices[0].text, 'once upon a time');
    const stream = await client.completions.create({ model: 'openai/gpt-ok', prompt: 'tell me', stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    assert.equal(text, 'once upon a time');
  },

  async embeddingsBase64ByDefault() {
    const { data, response } = await client.embeddings
      .create({ model: 'openai/text-embedding-3-small', input: ['a', 'b'] })
      .withResponse();
    assert.equal(data.data.length, 2);
    assert.deepEqual(data.data[0].embedding, [0.5, -1.25, 2, 0]);
    assert.deepEqual(data.data[1].embedding, [0.5, -1.25, 2, 1]);
    assert.equal(response.headers.get('x-muxi-model'), 'openai/text-embedding-3-small');
  },

  async embeddingsRawBase64OnTheWire() {
    const response = await fetch(`${url}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/text-embedding-3-small', input: 'a', encoding_format: 'base64' }),
    });
    const body = await response.json();
    const bytes = Buffer.from(body.data[0].embedding, 'base64');
    assert.equal(bytes.length, 16);
    assert.equal(bytes.readFloatLE(4), -1.25);
  },

  async embeddingsFloat() {
    const result = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'a', encoding_format: 'float' });
    assert.deepEqual(result.data[0].embedding, [0.5, -1.25, 2, 0]);
    assert.equal(result.usage.prompt_tokens, 5);
  },

  async modelsListAndRetrieve() {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    assert.ok(ids.includes('openai/gpt-ok'), ids.join(','));
    assert.ok(ids.includes('openai/text-embedding-3-small'));
    const model = await client.models.retrieve('openai/gpt-tools');
    assert.equal(model.id, 'openai/gpt-tools');
    assert.equal(model.object, 'model');
    await assert.rejects(client.models.retrieve('openai/no-such-model'), OpenAI.NotFoundError);
  },
});
