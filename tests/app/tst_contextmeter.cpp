#include "apptestenvironment.h"

#include <attachmentstore.h>
#include <composerattachments.h>
#include <contextmeter.h>
#include <keystore.h>
#include <messagemodel.h>
#include <modelpickermodel.h>
#include <providerlistmodel.h>

#include <muxi/client.h>
#include <muxi/modelcatalogue.h>
#include <muxi/tiktokenranks.h>
#include <muxi/tokencounter.h>

#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace muxi;
using namespace muxi::test;

// The composer's context meter against the core's TokenCounter: the same
// numbers for models whose tokenizer is known, flagged as estimates for the
// others and for attachments, and a warning once the window would overflow.
class TestContextMeter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<AppTestEnvironment> env;
    std::unique_ptr<KeyStore> keys;
    std::unique_ptr<ProviderListModel> providers;
    std::unique_ptr<ModelCatalogue> catalogue;
    std::unique_ptr<ModelPickerModel> models;
    MessageModel thread;

    static ChatMessage row(const QString &role, const QString &text)
    {
        ChatMessage m;
        m.id = ChatMessage::newId();
        m.role = role;
        m.text = text;
        return m;
    }

    // The meter's next count.
    static bool counted(ContextMeter &meter)
    {
        QSignalSpy spy(&meter, &ContextMeter::countChanged);
        return spy.wait(10'000);
    }

    static qint64 expected(const QString &model, const QList<Message> &messages)
    {
        const Expected<TokenCount> count = TokenCounter::countMessages(model, messages);
        return count ? count->tokens : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (TiktokenRanks::locate(QStringLiteral("o200k_base")).isEmpty())
            QSKIP("js-tiktoken ranks not installed; run scripts/install-deps.sh or set MUXI_TIKTOKEN_DIR");
        env = std::make_unique<AppTestEnvironment>();
        keys = std::make_unique<KeyStore>(QStringLiteral("muxi-test-unused"));
        providers = std::make_unique<ProviderListModel>(env->client.get(), env->settings.get(), keys.get());
        catalogue = std::make_unique<ModelCatalogue>(env->client.get());
        // Never the user's cache, nor one left by another test.
        catalogue->setCacheFile(QDir(env->dataDir()).filePath(QStringLiteral("catalogue.json")));
        models = std::make_unique<ModelPickerModel>(env->client.get(), catalogue.get(), providers.get(), env->settings.get());
        thread.setFrameInterval(0);
        thread.setMessages({row(QStringLiteral("user"), QStringLiteral("What is the capital of France?")),
                            row(QStringLiteral("assistant"), QStringLiteral("Paris, since the 10th century.")),
                            row(QStringLiteral("tool"), QString())});
    }

    void exactForAKnownTokenizer()
    {
        ContextMeter meter;
        meter.setModels(models.get());
        meter.setMessages(&thread);
        meter.setSystemPrompt(QStringLiteral("Be brief."));
        meter.setModel(QStringLiteral("openai/gpt-4o-mini"));
        meter.setDraft(QStringLiteral("And of Italy? "));
        QVERIFY(counted(meter));
        QVERIFY(meter.counted());
        const QList<Message> sent{Message::system(QStringLiteral("Be brief.")), Message::user(QStringLiteral("What is the capital of France?")),
                                  Message::assistant(QStringLiteral("Paris, since the 10th century.")),
                                  Message::user(QStringLiteral("And of Italy?"))};
        QCOMPARE(meter.tokens(), expected(QStringLiteral("openai/gpt-4o-mini"), sent));
        QVERIFY(meter.exact());
        QCOMPARE(meter.encoding(), QStringLiteral("o200k_base"));
        QCOMPARE(meter.contextWindow(), 128000);
        QVERIFY(!meter.overLimit());
        QVERIFY(!meter.summary().contains(QStringLiteral("≈")));
        QVERIFY(meter.summary().contains(QLocale().toString(meter.tokens())));
        QVERIFY(meter.warning().isEmpty());
        QCOMPARE(meter.fraction(), double(meter.tokens()) / 128000.0);

        // cl100k models count with their own encoding.
        meter.setModel(QStringLiteral("openai/gpt-4"));
        QVERIFY(counted(meter));
        QCOMPARE(meter.encoding(), QStringLiteral("cl100k_base"));
        QCOMPARE(meter.tokens(), expected(QStringLiteral("openai/gpt-4"), sent));
        QVERIFY(meter.exact());

        // Typing updates the count without being asked; a burst of keys ends in one count of the last text.
        meter.setModel(QStringLiteral("openai/gpt-4o-mini"));
        QVERIFY(counted(meter));
        meter.setDelay(50);
        QString draft;
        for (const QChar c : QStringLiteral("And of Spain, and of Portugal?")) {
            draft.append(c);
            meter.setDraft(draft);
        }
        QList<Message> typed = sent;
        typed.last() = Message::user(draft);
        QTRY_COMPARE(meter.tokens(), expected(QStringLiteral("openai/gpt-4o-mini"), typed));

        // A new row in the conversation counts too.
        thread.append(row(QStringLiteral("user"), QStringLiteral("One more question.")));
        QList<Message> grown = sent.mid(0, 3);
        grown.append(Message::user(QStringLiteral("One more question.")));
        grown.append(Message::user(draft));
        QTRY_COMPARE(meter.tokens(), expected(QStringLiteral("openai/gpt-4o-mini"), grown));
        thread.truncate(3);
    }

    void estimateForOtherModels()
    {
        ContextMeter meter;
        meter.setModels(models.get());
        meter.setMessages(&thread);
        meter.setModel(QStringLiteral("anthropic/claude-sonnet-4-20250514"));
        meter.setDraft(QStringLiteral("Hello there"));
        QVERIFY(counted(meter));
        QVERIFY(!meter.exact());
        QVERIFY(meter.summary().startsWith(QStringLiteral("≈")));
        QCOMPARE(meter.contextWindow(), 200000);
        const QList<Message> sent{Message::user(QStringLiteral("What is the capital of France?")),
                                  Message::assistant(QStringLiteral("Paris, since the 10th century.")),
                                  Message::user(QStringLiteral("Hello there"))};
        QCOMPARE(meter.tokens(), expected(QStringLiteral("anthropic/claude-sonnet-4-20250514"), sent));

        // A model nobody knows the window of: a count, no fraction, no limit.
        meter.setModel(QStringLiteral("groq/some-new-model"));
        QVERIFY(counted(meter));
        QCOMPARE(meter.contextWindow(), 0);
        QCOMPARE(meter.fraction(), 0.0);
        QVERIFY(!meter.overLimit());
        QVERIFY(meter.summary().startsWith(QStringLiteral("≈")));
    }

    void attachmentsAreEstimated()
    {
        AttachmentStore store(QDir(env->dataDir()).filePath(QStringLiteral("attachments")));
        ComposerAttachments attachments(&store, env->client.get());
        ContextMeter meter;
        meter.setModels(models.get());
        meter.setModel(QStringLiteral("openai/gpt-4o-mini"));
        meter.setDraft(QStringLiteral("Describe this"));
        QVERIFY(counted(meter));
        const qint64 textOnly = meter.tokens();
        QVERIFY(meter.exact());
        meter.setAttachments(&attachments);
        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(Qt::red);
        QVERIFY(attachments.addImage(image));
        QTRY_COMPARE(meter.tokens(), textOnly + ContextMeter::imageTokens);
        QVERIFY(!meter.exact());
        QVERIFY(meter.summary().startsWith(QStringLiteral("≈")));
    }

    void warnsOverTheLimit()
    {
        ContextMeter meter;
        meter.setModels(models.get());
        // 4,096 tokens of context (the curated table).
        meter.setModel(QStringLiteral("openai/gpt-3.5-turbo-instruct"));
        meter.setDraft(QStringLiteral("word ").repeated(3000));
        QVERIFY(counted(meter));
        QCOMPARE(meter.contextWindow(), 4096);
        QVERIFY(!meter.overLimit());
        QSignalSpy changed(&meter, &ContextMeter::countChanged);
        meter.setDraft(QStringLiteral("word ").repeated(5000));
        QVERIFY(changed.wait(10'000));
        QVERIFY(meter.tokens() > 4096);
        QVERIFY(meter.overLimit());
        QVERIFY(meter.fraction() > 1.0);
        QVERIFY(meter.warning().contains(QLatin1String("openai/gpt-3.5-turbo-instruct")));
        QVERIFY(meter.warning().contains(QLocale().toString(qint64(4096))));
        meter.setDraft(QStringLiteral("short"));
        QTRY_VERIFY(!meter.overLimit());
        QVERIFY(meter.warning().isEmpty());
    }
};

QTEST_MAIN(TestContextMeter)
#include "tst_contextmeter.moc"
