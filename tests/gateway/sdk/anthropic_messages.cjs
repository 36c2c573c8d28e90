// POST /v1/messages through the official @anthropic-ai/sdk: text and tool_use
// both ways, streaming events (including input_json_delta), errors as the
// SDK's classes, and an error event when a stream breaks after its first token.
const Anthropic = require('@anthropic-ai/sdk');
const { assert, url, key, run, noKeyIn } = require('./common.cjs');

const client = new Anthropic({ apiKey: key, baseURL: url });
const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } }, required: ['city'] },
};
const hello = [{ role: 'user', content: 'hi' }];

async function expectError(promise, errorClass, status) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof errorClass, `${error.constructor.name}: ${error.message}`);
    assert.equal(error.status, status);
    assert.equal(error.error.type, 'error');
    noKeyIn(error.message);
    return error;
  }
  throw new Error(`no ${errorClass.name}`);
}

run({
  async textMessage() {
    const { data, response } = await client.messages.create({ model: 'openai/gpt-ok', max_tokens: 100, messages: hello }).withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.model, 'openai/gpt-ok');
    assert.deepEqual(data.content, [{ type: 'text', text: 'Hello there.' }]);
    assert.equal(data.stop_reason, 'end_turn');
    assert.equal(data.usage.input_tokens, 9);
    assert.equal(data.usage.output_tokens, 3);
    assert.equal(response.headers.get('x-muxi-model'), 'openai/gpt-ok');
  },

  async streamedTextEvents() {
    const stream = client.messages.stream({ model: 'openai/gpt-ok', max_tokens: 100, messages: hello });
    const events = [];
    let text = '';
    stream.on('streamEvent', (event) => events.push(event.type));
    stream.on('text', (delta) => (text += delta));
    const message = await stream.finalMessage();
    assert.equal(text, 'Hello');
    assert.equal(message.content.length, 1);
    assert.equal(message.content[0].type, 'text');
    assert.equal(message.content[0].text, 'Hello');
    assert.equal(events[0], 'message_start');
    assert.equal(events.at(-1), 'message_stop');
    assert.equal(events.at(-2), 'message_delta');
    assert.ok(events.includes('content_block_start') && events.includes('content_block_delta') && events.includes('content_block_stop'));
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, 2);
  },

  async toolUseNonStreaming() {
    const message = await client.messages.create({ model: 'openai/gpt-tools', max_tokens: 100, messages: hello, tools: [weatherTool] });
    assert.equal(message.stop_reason, 'tool_use');
    const block = message.content.find((b) => b.type === 'tool_use');
    assert.equal(block.id, 'call_weather_1');
    assert.equal(block.name, 'get_weather');
    assert.deepEqual(block.input, { city: 'Paris', days: 3 });
  },

  async toolUseStreamsInputJsonDeltas() {
    const stream = client.messages.stream({ model: 'openai/gpt-tools', max_tokens: 100, messages: hello, tools: [weatherTool] });
    let partials = 0;
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') partials++;
    });
    const message = await stream.finalMessage();
    assert.ok(partials > 3, `input came in ${partials} pieces`);
    const block = message.content.find((b) => b.type === 'tool_use');
    assert.equal(block.name, 'get_weather');
    assert.deepEqual(block.input, { city: 'Paris', days: 3 });
    assert.equal(message.stop_reason, 'tool_use');
  },

  async toolResultGoesBackAsAToolMessage() {
    const message = await client.messages.create({
      model: 'openai/gpt-echo',
      max_tokens: 50,
      system: 'Be brief.',
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18 degrees' }, { type: 'text', text: 'and tomorrow?' }] },
      ],
    });
    const sent = JSON.parse(message.content[0].text);
    assert.equal(sent.messages[0].role, 'system');
    assert.equal(sent.messages[0].content, 'Be brief.');
    assert.equal(sent.messages[2].tool_calls[0].id, 'toolu_1');
    assert.deepEqual(JSON.parse(sent.messages[2].tool_calls[0].function.arguments), { city: 'Paris' });
    assert.equal(sent.messages[3].role, 'tool');
    assert.equal(sent.messages[3].tool_call_id, 'toolu_1');
    assert.equal(sent.messages[3].content, '18 degrees');
    assert.equal(sent.messages[4].role, 'user');
    assert.equal(sent.tool_choice, 'required');
    assert.equal(sent.max_tokens, 50);
    assert.equal(sent.tools[0].function.parameters.required[0], 'city');
  },

  async imageBlocksReachTheProvider() {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const message = await client.messages.create({
      model: 'openai/gpt-echo',
      max_tokens: 50,
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } }, { type: 'text', text: 'what?' }] }],
    });
    const sent = JSON.parse(message.content[0].text);
    assert.equal(sent.messages[0].content[0].image_url.url, `data:image/png;base64,${png}`);
  },

  async errorsAsTheSdksClasses() {
    await expectError(client.messages.create({ model: 'openai/gpt-401', max_tokens: 10, messages: hello }), Anthropic.AuthenticationError, 401);
    const limited = await expectError(client.messages.create({ model: 'openai/gpt-429', max_tokens: 10, messages: hello }), Anthropic.RateLimitError, 429);
    assert.equal(limited.headers.get('retry-after'), '7');
    assert.equal(limited.error.error.type, 'rate_limit_error');
    const context = await expectError(client.messages.create({ model: 'openai/gpt-context', max_tokens: 10, messages: hello }), Anthropic.BadRequestError, 400);
    assert.equal(context.error.error.type, 'invalid_request_error');
    await expectError(client.messages.create({ model: 'openai/gpt-500', max_tokens: 10, messages: hello }), Anthropic.InternalServerError, 500);
    await expectError(client.messages.create({ model: 'nosuchprovider/x', max_tokens: 10, messages: hello }), Anthropic.NotFoundError, 404);
    await expectError(client.messages.create({ model: 'openai/gpt-ok', messages: hello }), Anthropic.BadRequestError, 400);
    const stranger = new Anthropic({ apiKey: 'sk-ant-wrong', baseURL: url });
    await expectError(stranger.messages.create({ model: 'openai/gpt-ok', max_tokens: 10, messages: hello }), Anthropic.AuthenticationError, 401);
  },

  async brokenStreamEndsWithAnErrorEvent() {
    const stream = client.messages.stream({ model: 'openai/gpt-cut', max_tokens: 100, messages: hello });
    let text = '';
    stream.on('text', (delta) => (text += delta));
    await assert.rejects(stream.finalMessage(), (error) => {
      noKeyIn(error.message);
      return /openai\/gpt-cut/.test(error.message);
    });
    assert.equal(text, 'Hello');
  },
});
