#include <muxi/tokencounter.h>

#include <muxi/tiktokenranks.h>

#include <memory>
#include <utility>

namespace muxi {

namespace {

struct Family {
    QLatin1String name;
    QLatin1String encoding;
    // Also every "<name>-…", "<name>.…" and "<name>:…" (dated snapshots, sizes, Ollama tags).
    bool prefix;
};

// After tiktoken's model.py (MODEL_TO_ENCODING, MODEL_PREFIX_TO_ENCODING); the longest matching name wins.
const Family families[] = {
    {QLatin1String("gpt-5"), QLatin1String("o200k_base"), true},
    {QLatin1String("gpt-4.5"), QLatin1String("o200k_base"), true},
    {QLatin1String("gpt-4.1"), QLatin1String("o200k_base"), true},
    {QLatin1String("gpt-4o"), QLatin1String("o200k_base"), true},
    {QLatin1String("chatgpt-4o"), QLatin1String("o200k_base"), true},
    {QLatin1String("o1"), QLatin1String("o200k_base"), true},
    {QLatin1String("o3"), QLatin1String("o200k_base"), true},
    {QLatin1String("o4-mini"), QLatin1String("o200k_base"), true},
    {QLatin1String("gpt-oss"), QLatin1String("o200k_harmony"), true},
    {QLatin1String("gpt-4"), QLatin1String("cl100k_base"), true},
    {QLatin1String("gpt-3.5-turbo"), QLatin1String("cl100k_base"), true},
    {QLatin1String("gpt-3.5"), QLatin1String("cl100k_base"), false},
    {QLatin1String("gpt-35-turbo"), QLatin1String("cl100k_base"), true},
    {QLatin1String("davinci-002"), QLatin1String("cl100k_base"), false},
    {QLatin1String("babbage-002"), QLatin1String("cl100k_base"), false},
    {QLatin1String("text-embedding-ada-002"), QLatin1String("cl100k_base"), false},
    {QLatin1String("text-embedding-3"), QLatin1String("cl100k_base"), true},
    {QLatin1String("text-davinci-003"), QLatin1String("p50k_base"), false},
    {QLatin1String("text-davinci-002"), QLatin1String("p50k_base"), false},
    {QLatin1String("code-davinci-002"), QLatin1String("p50k_base"), false},
    {QLatin1String("code-davinci-001"), QLatin1String("p50k_base"), false},
    {QLatin1String("code-cushman-002"), QLatin1String("p50k_base"), false},
    {QLatin1String("code-cushman-001"), QLatin1String("p50k_base"), false},
    {QLatin1String("davinci-codex"), QLatin1String("p50k_base"), false},
    {QLatin1String("cushman-codex"), QLatin1String("p50k_base"), false},
    {QLatin1String("text-davinci-edit-001"), QLatin1String("p50k_edit"), false},
    {QLatin1String("code-davinci-edit-001"), QLatin1String("p50k_edit"), false},
    {QLatin1String("text-davinci-001"), QLatin1String("r50k_base"), false},
    {QLatin1String("text-curie-001"), QLatin1String("r50k_base"), false},
    {QLatin1String("text-babbage-001"), QLatin1String("r50k_base"), false},
    {QLatin1String("text-ada-001"), QLatin1String("r50k_base"), false},
    {QLatin1String("davinci"), QLatin1String("r50k_base"), false},
    {QLatin1String("curie"), QLatin1String("r50k_base"), false},
    {QLatin1String("babbage"), QLatin1String("r50k_base"), false},
    {QLatin1String("ada"), QLatin1String("r50k_base"), false},
    {QLatin1String("text-similarity"), QLatin1String("r50k_base"), true},
    {QLatin1String("text-search"), QLatin1String("r50k_base"), true},
    {QLatin1String("code-search"), QLatin1String("r50k_base"), true},
    {QLatin1String("gpt2"), QLatin1String("gpt2"), false},
    {QLatin1String("gpt-2"), QLatin1String("gpt2"), false},
};

const QLatin1String harmony("o200k_harmony");
const QLatin1String estimateEncoding("o200k_base");
const QLatin1String charsPerToken("chars/4");

// "openrouter/openai/gpt-4o" -> "gpt-4o", "ft:gpt-4o-mini:acme::id" -> "gpt-4o-mini:acme::id".
QString bareModel(const QString &model)
{
    QString name = model.trimmed().toLower();
    name = name.mid(name.lastIndexOf(QLatin1Char('/')) + 1);
    if (name.startsWith(QLatin1String("ft:")))
        name = name.mid(3);
    return name;
}

bool matches(const QString &name, const Family &family)
{
    if (name == family.name)
        return true;
    if (!family.prefix || name.size() <= family.name.size() || !name.startsWith(family.name))
        return false;
    const QChar after = name.at(family.name.size());
    return after == u'-' || after == u'.' || after == u':';
}

// The rule of thumb OpenAI gives for English: a token is about four characters.
qint64 charsOver4(QStringView text)
{
    qint64 codePoints = 0;
    for (const QChar unit : text) {
        if (!unit.isLowSurrogate())
            ++codePoints;
    }
    return (codePoints + 3) / 4;
}

// A count being made: what it will report, and the tokenizer making it.
struct Counting {
    TokenCount result;
    std::shared_ptr<const BpeEncoder> encoder;

    qint64 tokensOf(QStringView text) const { return encoder ? encoder->count(text) : charsOver4(text); }
};

Expected<Counting> startCounting(const QString &model)
{
    Counting counting;
    counting.result.model = model;
    const QString encoding = TokenCounter::encodingForModel(model);
    if (!encoding.isEmpty()) {
        // o200k_harmony is o200k_base with more special tokens, which ordinary text never produces.
        const Expected<std::shared_ptr<const BpeEncoder>> encoder = TiktokenRanks::encoding(encoding == harmony ? QString(estimateEncoding) : encoding);
        if (!encoder) {
            Error error = encoder.error();
            error.model = model;
            return error;
        }
        counting.encoder = *encoder;
        counting.result.exact = true;
        counting.result.encoding = encoding;
        return counting;
    }
    const Expected<std::shared_ptr<const BpeEncoder>> encoder = TiktokenRanks::encoding(estimateEncoding);
    if (encoder) {
        counting.encoder = *encoder;
        counting.result.encoding = estimateEncoding;
    } else {
        counting.result.encoding = charsPerToken;
    }
    return counting;
}

} // namespace

QString TokenCounter::encodingForModel(const QString &model)
{
    const QString name = bareModel(model);
    const Family *best = nullptr;
    for (const Family &family : families) {
        if (matches(name, family) && (!best || family.name.size() > best->name.size()))
            best = &family;
    }
    return best ? QString(best->encoding) : QString();
}

Expected<TokenCount> TokenCounter::countText(const QString &model, QStringView text)
{
    Expected<Counting> counting = startCounting(model);
    if (!counting)
        return counting.error();
    TokenCount result = counting->result;
    result.tokens = counting->tokensOf(text);
    return result;
}

Expected<TokenCount> TokenCounter::countMessages(const QString &model, const QList<Message> &messages)
{
    Expected<Counting> counting = startCounting(model);
    if (!counting)
        return counting.error();
    const QString name = bareModel(model);
    // gpt-3.5-turbo-0301 wrote "<|im_start|>{role or name}\n{content}<|im_end|>\n": a name replaced the role.
    const bool chatMl = name == QLatin1String("gpt-3.5-turbo-0301") || name == QLatin1String("gpt-35-turbo-0301");
    const int perMessage = chatMl ? 4 : 3;
    const int perName = chatMl ? -1 : 1;

    TokenCount result = counting->result;
    result.exact = result.exact && result.encoding != harmony;
    result.tokens = 3;
    for (const Message &message : messages) {
        result.tokens += perMessage + counting->tokensOf(Message::roleName(message.role)) + counting->tokensOf(message.text());
        if (!message.name.isEmpty())
            result.tokens += counting->tokensOf(message.name) + perName;
    }
    return result;
}

} // namespace muxi
