// Each error class the openai SDK raises, from the status and body the
// gateway mirrors; the SDK must not retry what the gateway already retried.
const OpenAI = require('openai');
const { assert, url, key, run, noKeyIn } = require('./common.cjs');

const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1` });
const ask = (model, extra = {}) => client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }], ...extra });

async function expectError(promise, errorClass, status) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof errorClass, `${error.constructor.name}: ${error.message}`);
    assert.equal(error.status, status);
    noKeyIn(error.message);
    noKeyIn(JSON.stringify(error.error));
    return error;
  }
  throw new Error(`no ${errorClass.name}`);
}

run({
  async contextLengthIs400WithItsCode() {
    const error = await expectError(ask('openai/gpt-context'), OpenAI.BadRequestError, 400);
    assert.equal(error.code, 'context_length_exceeded');
    assert.match(error.message, /openai\/gpt-context/);
    assert.match(error.message, /maximum context length/);
  },

  async upstreamAuthenticationIs401WithoutTheKey() {
    const error = await expectError(ask('openai/gpt-401'), OpenAI.AuthenticationError, 401);
    assert.match(error.message, /Incorrect API key provided/);
  },

  async wrongGatewayKeyIs401() {
    const stranger = new OpenAI({ apiKey: 'sk-not-the-gateway-key', baseURL: `${url}/v1` });
    const error = await expectError(
      stranger.chat.completions.create({ model: 'openai/gpt-ok', messages: [{ role: 'user', content: 'hi' }] }),
      OpenAI.AuthenticationError,
      401,
    );
    assert.equal(error.code, 'invalid_api_key');
  },

  async unknownProviderIs404() {
    const error = await expectError(ask('nosuchprovider/model'), OpenAI.NotFoundError, 404);
    assert.match(error.message, /known providers/);
  },

  async upstreamNotFoundIs404() {
    await expectError(ask('openai/gpt-404'), OpenAI.NotFoundError, 404);
  },

  async rateLimitIs429WithRetryAfterPassedOn() {
    const error = await expectError(ask('openai/gpt-429'), OpenAI.RateLimitError, 429);
    assert.equal(error.headers.get('retry-after'), '7');
    assert.equal(error.headers.get('x-should-retry'), 'false');
    assert.equal(error.code, 'rate_limit_exceeded');
  },

  async serverErrorIs500() {
    const error = await expectError(ask('openai/gpt-500'), OpenAI.InternalServerError, 500);
    assert.equal(error.headers.get('x-should-retry'), 'false');
  },

  async invalidBodyIs400() {
    await expectError(client.chat.completions.create({ model: 'openai/gpt-ok', messages: 'not a list' }), OpenAI.BadRequestError, 400);
  },

  async embeddingsErrorsToo() {
    await expectError(client.embeddings.create({ model: 'openai/gpt-401', input: 'a' }), OpenAI.AuthenticationError, 401);
  },
});
