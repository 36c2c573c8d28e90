// Images and audio in a message. AttachmentLoader reads a file (or takes an
// http(s) image URL), checks its type by content and its size, and makes a
// content part. Providers that take images only as bytes get URLs fetched for
// them; a model without vision or audio is skipped with a clear error
// instead of being sent what it cannot read.
//   example-multimodal [--model MODEL] FILE… PROMPT
//   example-multimodal photo.png "What is in this picture?"
//   example-multimodal --model openai/gpt-4o-audio-preview question.wav "Answer the question"
//   example-multimodal --model gemini/gemini-2.5-flash photo.png question.wav "Answer the question about the photo"

#include <muxi/attachmentloader.h>
#include <muxi/client.h>
#include <muxi/providers/builtinproviders.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption modelOption(QStringLiteral("model"), QStringLiteral("provider/model to ask"), QStringLiteral("MODEL"),
                                         QStringLiteral("openai/gpt-4o-mini"));
    parser.addOption(modelOption);
    parser.addPositionalArgument(QStringLiteral("FILE…"), QStringLiteral("images (PNG, JPEG, …) and audio (WAV, MP3)"));
    parser.addPositionalArgument(QStringLiteral("PROMPT"), QStringLiteral("what to ask about them"));
    parser.process(app);
    QStringList arguments = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2) {
        err << "usage: example-multimodal [--model MODEL] FILE… PROMPT\n";
        return 2;
    }
    const QString prompt = arguments.takeLast();

    QList<muxi::ContentPart> parts{muxi::ContentPart::fromText(prompt)};
    for (const QString &file : std::as_const(arguments)) {
        // any() picks image or audio by the file's type; errors name the file and what is wrong.
        const muxi::Expected<muxi::ContentPart> part = muxi::AttachmentLoader::any(file);
        if (!part) {
            err << "error: " << part.error().toString() << '\n';
            return 1;
        }
        const bool audio = part->type == muxi::ContentPart::Type::Audio;
        out << "attached: " << QFileInfo(file).fileName() << " as " << (audio ? part->audioFormat + QStringLiteral(" audio") : part->mimeType)
            << ", " << part->data.size() << " bytes\n";
        parts.append(*part);
    }

    muxi::Client client(muxi::builtinRegistry());
    muxi::ChatRequest request;
    request.model = parser.value(modelOption);
    request.messages = {muxi::Message::user(parts)};

    const muxi::Expected<muxi::ChatCompletion> result = client.chatBlocking(request);
    if (!result) {
        err << "error: " << result.error().toString() << '\n';
        return 1;
    }
    out << "answer: " << result->text() << '\n';
    return 0;
}
