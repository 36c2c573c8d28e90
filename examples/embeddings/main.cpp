// Embeddings: one vector per input text, from whichever provider serves the
// model (OpenAI, Mistral, Cohere, Voyage, Gemini, Ollama, …), always as
// floats in input order. Prints how close each text is to the first one.
//   example-embeddings [--model MODEL] TEXT TEXT…
//   example-embeddings --model voyage/voyage-3-lite "a cat" "a kitten" "a tax return"

#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cmath>

namespace {

double cosine(const QList<float> &a, const QList<float> &b)
{
    double dot = 0, normA = 0, normB = 0;
    for (qsizetype i = 0; i < std::min(a.size(), b.size()); ++i) {
        dot += double(a[i]) * double(b[i]);
        normA += double(a[i]) * double(a[i]);
        normB += double(b[i]) * double(b[i]);
    }
    return normA > 0 && normB > 0 ? dot / std::sqrt(normA * normB) : 0.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("provider/model to ask"), QStringLiteral("MODEL"),
                                         QStringLiteral("openai/text-embedding-3-small"));
    parser.addOption(modelOption);
    parser.addPositionalArgument(QStringLiteral("TEXT…"), QStringLiteral("texts to embed"));
    parser.process(app);
    const QStringList texts = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (texts.size() < 2) {
        err << "usage: example-embeddings [--model MODEL] TEXT TEXT…\n";
        return 2;
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::EmbeddingRequest request;
    request.model = parser.value(modelOption);
    request.input = texts;

    const muxi::Expected<muxi::EmbeddingResponse> result = client.embedBlocking(request);
    if (!result) {
        err << "error: " << result.error().toString() << '\n';
        return 1;
    }
    if (result->data.size() != texts.size()) {
        err << "error: " << texts.size() << " texts but " << result->data.size() << " vectors\n";
        return 1;
    }
    QList<QList<float>> vectors(texts.size());
    for (const muxi::Embedding &embedding : result->data)
        vectors[embedding.index] = embedding.vector;

    out << result->data.size() << " vectors of " << vectors.first().size() << " dimensions from " << result->provider << '/' << result->model << '\n';
    for (qsizetype i = 1; i < texts.size(); ++i)
        out << "similarity to \"" << texts.first() << "\": " << QString::number(cosine(vectors.first(), vectors[i]), 'f', 3) << "  \"" << texts[i] << "\"\n";
    return 0;
}
