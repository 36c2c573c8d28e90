<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppearanceSettings</name>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Start a conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a model below, type a message and press Enter. Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is ready yet. Add an API key in Settings, or start a local Ollama or llama.cpp server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DefaultsSettings</name>
    <message>
        <source>Default model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider/model, e.g. openai/gpt-4o-mini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 sends no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent first in every conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Muxi Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muxi talks to many model providers through one interface. To chat with a hosted model, add that provider&apos;s API key in Settings → Providers; it is stored in your system keychain and nowhere else. You can also set keys as environment variables (for example OPENAI_API_KEY) before starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for Ollama and llama.cpp on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local server answered. Start Ollama (port 11434) or llama.cpp&apos;s server (port 8080) and look again; they need no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is running and needs no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for local servers again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — Muxi Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Muxi Workbench</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkdownRenderer</name>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>first token %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderSettings</name>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Back to chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversation matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History is not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 bytes, more than the limit of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>files other than inline PDF or plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio input; send a transcript instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>content parts of type &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tool message has no tool_call_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>files by id; send the file&apos;s bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tool result for %1 answers no tool call of the conversation, so its function is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini takes at most %1 stop sequences, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedrock takes images as bytes, not URLs: attach the file or send a data: URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedrock takes PNG, JPEG, GIF and WebP images, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedrock takes documents as bytes in pdf, csv, doc, docx, xls, xlsx, html, txt or md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedrock Converse takes no audio or other non-text parts here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the arguments of tool call %1 are not a JSON object: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the endpoint&apos;s answer is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not accept audio input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not accept file parts; send the text instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes only text and image parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tool_choice names &quot;%1&quot;, which is not among the tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes images only as bytes, not by URL (%2); attach the image file instead</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::AnthropicAdapter</name>
    <message>
        <source>n &gt; 1 (several choices per request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request too large: Anthropic accepts at most 32 MB per request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::AttachmentLoader</name>
    <message>
        <source>%1 is not an image (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2; audio must be WAV or MP3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::AwsEndpoint</name>
    <message>
        <source>no AWS region for %1: set AWS_REGION or AWS_DEFAULT_REGION, `region` in profile &quot;%2&quot; of %3, or the provider&apos;s &quot;region&quot; setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; or set %1 to an API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::AwsError</name>
    <message>
        <source>HTTP status %1 with no error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream reported %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::AwsSharedConfig</name>
    <message>
        <source>no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary credentials), or give profile &quot;%1&quot; aws_access_key_id and aws_secret_access_key in %2 (AWS_SHARED_CREDENTIALS_FILE) or %3 (AWS_CONFIG_FILE); AWS_PROFILE picks the profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; profile &quot;%1&quot; uses %2, which Muxi does not resolve: export temporary credentials with `aws configure export-credentials --profile %1 --format env`</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::BedrockAdapter</name>
    <message>
        <source>Bedrock Converse returns one choice; n must be 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bedrock Converse has no JSON mode; describe the format in the prompt or use a tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Bedrock conversation must start with a user message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model produced output Bedrock could not parse (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::Client</name>
    <message>
        <source>%1 is discontinued (%2); set %3 to a replacement service to keep using this preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is disabled in the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no adapter for the %1 protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no shared endpoint; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key for %1; set %2 or add the key in the workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not offer text completions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not offer embeddings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot read images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot take audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot call tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped the parameter %1, which %2 rejects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON mode emulated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>streaming emulated: the answer arrives in one piece</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::CohereAdapter</name>
    <message>
        <source>Cohere timed out while generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohere stopped generating with an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several choices per request (n &gt; 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohere embeds at most %1 texts per request; %2 were given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer holds no float embeddings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::Configuration</name>
    <message>
        <source>cannot read config file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config file %1 is not a JSON object: %2 at offset %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config file %1: the API key for %2 is ignored; keys belong in the environment or the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing to write an API key into the config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write config file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::EventStreamDecoder</name>
    <message>
        <source>event stream: prelude CRC mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event stream: impossible message length %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event stream: impossible headers length %1 in a message of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event stream: message CRC mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event stream: malformed header at byte %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::GeminiAdapter</name>
    <message>
        <source>the answer holds no candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an embedding request needs at least one input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown input_type &quot;%1&quot; for Gemini; use a task type such as RETRIEVAL_QUERY, RETRIEVAL_DOCUMENT, SEMANTIC_SIMILARITY, CLASSIFICATION or CLUSTERING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gemini blocked the prompt (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::HttpExchange</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no connection within %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no response within %1 ms of sending the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response stalled for more than %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response took longer than %1 ms in total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::KeyStore</name>
    <message>
        <source>Keys are kept in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secret service is available (%1). Keys cannot be saved; set them as environment variables such as OPENAI_API_KEY before starting the workbench.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::ModelId</name>
    <message>
        <source>no model name in &quot;%1&quot;; expected provider/model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown provider &quot;%1&quot; in &quot;%2&quot;; known providers: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::OllamaAdapter</name>
    <message>
        <source>several choices per request (n &gt; 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tool_choice names &quot;%1&quot;, which is not among the tools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::OpenAiAdapter</name>
    <message>
        <source>HTTP status %1 with no error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server reported an error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::OpenAiStreamDecoder</name>
    <message>
        <source>malformed JSON in the stream: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::ProviderAdapter</name>
    <message>
        <source>%1 does not offer %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::ProviderListModel</name>
    <message>
        <source>Key saved in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is used for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This provider has no model listing to test with; send a message instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s) listed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>muxi::ReplicateAdapter</name>
    <message>
        <source>Replicate models are named owner/model or owner/model:version, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prediction is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prediction failed without saying why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prediction was %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the prediction is %1 but names no URL to poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status %1 with no error message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::ReplicateStreamDecoder</name>
    <message>
        <source>the prediction was canceled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::Reply</name>
    <message>
        <source>the request was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model to send the request to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not return valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked again for valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::SageMakerAdapter</name>
    <message>
        <source>the endpoint&apos;s answer has no generated_text; is the &quot;payload&quot; setting right?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::TextPrompt</name>
    <message>
        <source>this model takes a text prompt: images, audio and files cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this model takes a text prompt: tool calls and results cannot be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the conversation has no user message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::TgiAdapter</name>
    <message>
        <source>tool calls on /generate; use its Messages API through the openai family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image or audio input on /generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>several choices per request (n &gt; 1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::TgiPromptTemplate</name>
    <message>
        <source>unknown prompt_template &quot;%1&quot;; choose chatml, llama3 or plain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s /generate has no tool calls; use its Messages API through the openai family</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::TiktokenRanks</name>
    <message>
        <source>the %1 token ranks are not installed (%2: %3); run scripts/install-deps.sh, or set MUXI_TIKTOKEN_DIR to the dist/ranks directory of the js-tiktoken npm package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no rank table in the %1 module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 rank table is not valid JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 rank table lacks pat_str or bpe_ranks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed line in the %1 rank table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed token in the %1 rank table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 pre-tokenizer pattern does not compile: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the %1 rank table lacks the single byte %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::UpstreamCall</name>
    <message>
        <source>the stream ended before the answer was complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream was cut: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream stalled: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::VoyageAdapter</name>
    <message>
        <source>the response is not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::cli</name>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>discontinued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no prompt given (use - to read standard input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not JSON: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no messages (expected an array of messages or an object with &quot;messages&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: muxi &lt;command&gt; [options]

Commands:
  chat      send a chat prompt (-m provider/model, --stream, --image, --json …)
  complete  legacy text completion
  embed     embed texts, printed as JSON
  tokens    count tokens locally (exact for OpenAI models, else an estimate)
  models    list providers and whether they are configured

Run muxi &lt;command&gt; --help for a command&apos;s options.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>muxi: unknown command &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::cli::ChatCommand</name>
    <message>
        <source>Send a chat prompt to a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model as provider/model; repeat to add fallbacks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the answer as it is generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for a JSON object (JSON mode).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach an image file or http(s) URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file-or-url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach a WAV or MP3 file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling temperature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap on generated tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print every attempt to stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt, or - to read it from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--output takes text or json, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--temperature takes a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-tokens takes a positive whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[tool call %1] %2(%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::cli::CompleteCommand</name>
    <message>
        <source>Complete a prompt with a legacy completions model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model as provider/model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the text as it is generated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap on generated tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text (default) or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt, or - to read it from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete needs -m MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-tokens takes a positive whole number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::cli::EmbedCommand</name>
    <message>
        <source>Embed one or more texts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model as provider/model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output dimensions, where the model allows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrieval role for providers that need one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float or base64 on the wire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Texts to embed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embed needs -m MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embed needs at least one text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dimensions takes a positive whole number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::cli::ModelsCommand</name>
    <message>
        <source>List providers, or the models one provider offers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask this provider for its models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key (set %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no key needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(set %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::cli::TokensCommand</name>
    <message>
        <source>Count the tokens of a text or a conversation for a model, without sending anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model as provider/model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count a conversation: a JSON file (- for standard input) with an array of chat messages or a chat request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text to count; - reads standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens takes either --messages or a text, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::translation</name>
    <message>
        <source>%1 does not accept %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown tool_choice &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tool_choice names no function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the arguments of tool call %1 (%2) are not a JSON object: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON in the stream: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status %1 with no error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server reported an error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>muxi::wire</name>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the arguments of tool call %1 (%2) cannot be sent to %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the response is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON in the stream: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status %1 with no error message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server reported an error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
