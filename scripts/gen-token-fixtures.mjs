#!/usr/bin/env node
// Regenerates the token-count expectations in tests/data/tokens/ by running
// the js-tiktoken package itself (installed by scripts/install-deps.sh), so
// the C++ encoder is checked against an independent implementation rather
// than against itself. Run from the repository root:
//   node scripts/gen-token-fixtures.mjs
// The package is found like the C++ loader finds it: $MUXI_TIKTOKEN_DIR (the
// package's dist/ranks directory), else the install-deps.sh cache in $HOME.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const ranksDir = process.env.MUXI_TIKTOKEN_DIR
  || join(homedir(), '.cache/muxi/npm/node_modules/js-tiktoken/dist/ranks');
const packageJson = JSON.parse(readFileSync(join(ranksDir, '../../package.json'), 'utf8'));
const { Tiktoken } = await import(pathToFileURL(join(ranksDir, '../lite.js')).href);

async function encoding(name) {
  const ranks = (await import(pathToFileURL(join(ranksDir, `${name}.js`)).href)).default;
  return new Tiktoken(ranks);
}

// Special-token text counts as ordinary text, as muxi counts it: nothing allowed, nothing refused.
const encodeOrdinary = (enc, text) => enc.encode(text, [], []);

// Deterministic filler for pieces longer than the encoder's 64-byte scan limit.
let seed = 12345;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const randomWord = (length) => Array.from({ length }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');

const texts = [
  '',
  'Hello, world!',
  'The quick brown fox jumps over the lazy dog.',
  "don't I'LL we've They'RE she's it'd you'Ll",
  '1234567 and 3.14159 and 1,000,000 and 0x1F',
  'a  b   c\t\td\n\n\ne    \n  f',
  '   leading and trailing   ',
  'line one\r\nline two\r\n\r\n',
  '日本語のテキストです。中文文本，한국어 텍스트',
  'Привет, мир! Ελληνικά κείμενα.',
  '👍🏽 family: 👨‍👩‍👧‍👦 flags 🇩🇪🇯🇵 ✨',
  'e\u0301 cafe\u0301 Z\u0351\u0362a\u0337\u0335lgo नमस्ते مرحبا بالعالم',
  "def f(x):\n    return x**2  # square\n\nif __name__ == '__main__':\n\tprint(f(3))\n",
  'int main() { std::vector<int> v{1, 2, 3}; return v.size() > 2 ? 0 : 1; }',
  '{"role": "user", "content": "hi"}',
  'https://example.com/path?q=1&r=2 -- ... !!! ???',
  'HelloWorld camelCase XMLHttpRequest ǅemal',
  '<|endoftext|> is just text here',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛',
  'a\u00a0b x\u3000y zero\u200bwidth',
  'mongolian\u180Eseparator !!\u180E\u180E?',
  'a'.repeat(300),
  'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3),
  randomWord(400),
  '漢字仮名交じり文'.repeat(12),
  '🙂🚀🎉'.repeat(30),
  ' '.repeat(200) + 'x',
  'Lorem-ipsum_dolor.sit/amet:consectetur;adipiscing,elit'.repeat(6),
];

const encodingNames = ['o200k_base', 'cl100k_base', 'p50k_base', 'r50k_base'];
const encodings = {};
for (const name of encodingNames) {
  const enc = await encoding(name);
  encodings[name] = texts.map((text) => ({ text, ids: encodeOrdinary(enc, text) }));
}

// OpenAI cookbook, How_to_count_tokens_with_tiktoken.ipynb: 3 tokens per
// message (4 for gpt-3.5-turbo-0301), every field value encoded, +1 per
// name (-1 for 0301), 3 more priming the reply.
const conversation = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];
const chatModels = { 'gpt-3.5-turbo-0301': 'cl100k_base', 'gpt-4-0613': 'cl100k_base', 'gpt-4o': 'o200k_base' };
const counts = {};
for (const [model, name] of Object.entries(chatModels)) {
  const enc = await encoding(name);
  const perMessage = model === 'gpt-3.5-turbo-0301' ? 4 : 3;
  const perName = model === 'gpt-3.5-turbo-0301' ? -1 : 1;
  let total = 3;
  for (const message of conversation) {
    total += perMessage;
    for (const [key, value] of Object.entries(message)) {
      total += encodeOrdinary(enc, value).length;
      if (key === 'name')
        total += perName;
    }
  }
  counts[model] = total;
}

// One line per id list keeps the files short and diffable.
const format = (value) => JSON.stringify(value, null, 2).replace(/\[\s+([\d,\s]*?)\s+\]/g, (_, ids) => `[${ids.split(/,\s*/).join(', ')}]`) + '\n';

const generator = `scripts/gen-token-fixtures.mjs with js-tiktoken ${packageJson.version}`;
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../tests/data/tokens');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'encodings.json'), format({ generator, encodings }));
writeFileSync(join(outDir, 'chat.json'), format({ generator, messages: conversation, counts }));
