-- A history database as schema version 4 left it (before branches): two
-- conversations, one with an attachment, one with a tool call and a comparison.
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (4);
CREATE TABLE conversations (id TEXT PRIMARY KEY, title TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX conversations_by_update ON conversations (deleted, updated);
CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, position INTEGER NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL, attachments TEXT, model TEXT, status TEXT NOT NULL, error TEXT, created INTEGER NOT NULL, first_token_ms INTEGER, duration_ms INTEGER, prompt_tokens INTEGER, completion_tokens INTEGER, attempts TEXT, tool_calls TEXT, tool TEXT);
CREATE INDEX messages_by_conversation ON messages (conversation_id, position);
CREATE TABLE comparisons (id TEXT PRIMARY KEY, title TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX comparisons_by_update ON comparisons (updated);

INSERT INTO conversations VALUES ('c-rust', 'Borrowing rules', 1700000000000, 1700000090000, 0);
INSERT INTO conversations VALUES ('c-weather', 'Weather in Lyon', 1700000100000, 1700000190000, 0);

INSERT INTO messages VALUES ('r0', 'c-rust', 0, 'user', 'What does the borrow checker do?', '["4f2a.png"]', '', 'done', '', 1700000000000, -1, -1, 0, 0, NULL, NULL, NULL);
INSERT INTO messages VALUES ('r1', 'c-rust', 1, 'assistant', 'It makes sure references never outlive their data.', '[]', 'openai/gpt-4o-mini', 'done', '', 1700000001000, 180, 2100, 14, 11, '[{"provider":"openai","model":"gpt-4o-mini","outcome":"ok","status":200,"duration_ms":2100}]', NULL, NULL);
INSERT INTO messages VALUES ('r2', 'c-rust', 2, 'user', 'And lifetimes?', '[]', '', 'done', '', 1700000050000, -1, -1, 0, 0, NULL, NULL, NULL);
INSERT INTO messages VALUES ('r3', 'c-rust', 3, 'assistant', 'Lifetimes name how long a reference is valid.', '[]', 'openai/gpt-4o-mini', 'done', '', 1700000051000, 150, 1900, 40, 9, NULL, NULL, NULL);

INSERT INTO messages VALUES ('w0', 'c-weather', 0, 'user', 'Weather in Lyon?', '[]', '', 'done', '', 1700000100000, -1, -1, 0, 0, NULL, NULL, NULL);
INSERT INTO messages VALUES ('w1', 'c-weather', 1, 'assistant', '', '[]', 'openai/gpt-4o-mini', 'done', '', 1700000101000, 90, 400, 30, 12, NULL, '[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Lyon\"}"}}]', NULL);
INSERT INTO messages VALUES ('w2', 'c-weather', 2, 'tool', 'Sunny, 21 °C', '[]', '', 'done', '', 1700000102000, -1, -1, 0, 0, NULL, NULL, '{"callId":"call_1","function":"weather","server":"meteo","tool":"weather","state":"done"}');
INSERT INTO messages VALUES ('w3', 'c-weather', 3, 'assistant', 'It is sunny in Lyon, 21 °C.', '[]', 'openai/gpt-4o-mini', 'done', '', 1700000103000, 80, 600, 60, 10, NULL, NULL, NULL);

INSERT INTO comparisons VALUES ('cmp', 'Haiku', 1700000200000, 1700000200000, '{"columns":[]}');
