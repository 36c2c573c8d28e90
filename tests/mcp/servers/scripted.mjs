// A tiny MCP server over stdio for the tests, without dependencies. The first
// argument picks a behaviour: well-behaved tools for the loop tests, or one of
// the ways a real server goes wrong.
import { createInterface } from 'node:readline';

const mode = process.argv[2] ?? 'weather';
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');
const object = (properties) => ({ type: 'object', properties });

if (mode === 'exit') {
  process.stderr.write('scripted: missing configuration, giving up\n');
  process.exit(3);
}
if (mode === 'garbage') {
  process.stdout.write('Server starting... done\n');
}

const weatherTools = [
  { name: 'get_weather', description: 'Current weather in a city', inputSchema: object({ city: { type: 'string' } }) },
  { name: 'get_time', description: 'Current time', inputSchema: object({}) },
  { name: 'get_current_weather', description: 'Current weather at a location',
    inputSchema: object({ location: { type: 'string' }, format: { type: 'string' } }) },
  { name: 'ping_client', description: 'Pings the client and logs before answering', inputSchema: object({}) },
];
// Mode "elicit": one tool that asks the user for details (elicitation/create) and reports the answer.
const elicitTools = [{ name: 'book_table', description: 'Books a table after asking for the details', inputSchema: object({}) }];
// Requests this server sent to the client, by id, waiting for the client's answer.
const awaiting = new Map();
const pages = [
  [{ name: 'first', inputSchema: object({}) }],
  [{ name: 'second', inputSchema: object({}) }],
  [{ name: 'third', inputSchema: object({}) }],
];
let addedFourth = false;

function callTool(name, args) {
  switch (name) {
  case 'get_weather':
    return { content: [{ type: 'text', text: `Sunny, 21 °C in ${args.city}` }] };
  case 'get_current_weather':
    return { content: [{ type: 'text', text: `Cloudy in ${args.location}` }] };
  case 'get_time':
    return { content: [{ type: 'text', text: 'clock unavailable' }], isError: true };
  case 'first':
    addedFourth = true;
    setTimeout(() => send({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' }), 10);
    return { content: [{ type: 'text', text: 'first done' }] };
  case 'huge':
    return { content: [{ type: 'text', text: 'x'.repeat(3 * 1024 * 1024) }] };
  default:
    return null;
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const message = JSON.parse(line);
  if (message.id !== undefined && message.method === undefined && awaiting.has(message.id)) {
    awaiting.get(message.id)(message);
    awaiting.delete(message.id);
    return;
  }
  if (message.id === undefined || message.method === undefined)
    return;
  const reply = (result) => send({ jsonrpc: '2.0', id: message.id, result });
  if (message.method === 'initialize') {
    if (mode === 'silent')
      return;
    reply({ protocolVersion: message.params.protocolVersion, capabilities: { tools: { listChanged: true } },
            serverInfo: { name: 'scripted', version: '1.0.0' } });
  } else if (message.method === 'tools/list') {
    if (mode === 'paged') {
      const index = message.params?.cursor ? Number(message.params.cursor) : 0;
      const tools = [...pages[index]];
      if (index === 2 && addedFourth)
        tools.push({ name: 'fourth', inputSchema: object({}) });
      reply(index + 1 < pages.length ? { tools, nextCursor: String(index + 1) } : { tools });
    } else {
      reply({ tools: mode === 'huge' ? [{ name: 'huge', inputSchema: object({}) }] : mode === 'elicit' ? elicitTools : weatherTools });
    }
  } else if (message.method === 'tools/call') {
    if (mode === 'hang')
      return;
    if (message.params.name === 'book_table') {
      awaiting.set('server-elicit-1', (answer) => reply({ content: [{ type: 'text', text: `answer: ${JSON.stringify(answer.result)}` }] }));
      send({ jsonrpc: '2.0', id: 'server-elicit-1', method: 'elicitation/create', params: {
        mode: 'form', message: 'Details for the booking',
        requestedSchema: { type: 'object', required: ['name'], properties: {
          name: { type: 'string', title: 'Name' },
          guests: { type: 'integer', title: 'Guests', default: 2 },
          terrace: { type: 'boolean', title: 'Terrace' },
          time: { type: 'string', title: 'Time', enum: ['19:00', '20:00'], default: '20:00' } } } } });
      return;
    }
    if (message.params.name === 'ping_client') {
      send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'warning', logger: 'scripted', data: 'about to ping' } });
      awaiting.set('server-ping-1', (answer) => reply({ content: [{ type: 'text', text: `pong: ${JSON.stringify(answer.result)}` }] }));
      send({ jsonrpc: '2.0', id: 'server-ping-1', method: 'ping' });
      return;
    }
    const result = callTool(message.params.name, message.params.arguments ?? {});
    if (result)
      reply(result);
    else
      send({ jsonrpc: '2.0', id: message.id, error: { code: -32602, message: `Unknown tool: ${message.params.name}` } });
  } else if (message.method === 'ping') {
    reply({});
  } else {
    send({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'Method not found' } });
  }
});
