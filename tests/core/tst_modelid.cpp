#include <muxi/modelid.h>

#include <QTest>

using namespace muxi;

class TestModelId : public QObject
{
    Q_OBJECT

private:
    const QStringList known{QStringLiteral("openai"), QStringLiteral("together"), QStringLiteral("groq")};

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::newRow("bare name is OpenAI") << "gpt-4o-mini" << "openai" << "gpt-4o-mini";
        QTest::newRow("explicit") << "groq/llama-3.3-70b" << "groq" << "llama-3.3-70b";
        QTest::newRow("slashes stay in the model") << "together/meta-llama/Llama-3.3-70B-Instruct-Turbo" << "together"
                                                   << "meta-llama/Llama-3.3-70B-Instruct-Turbo";
        QTest::newRow("colons stay in the model") << "openai/ft:gpt-4o:org:x" << "openai" << "ft:gpt-4o:org:x";
    }

    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        const Expected<ModelId> id = ModelId::parse(text, known);
        QVERIFY(id);
        QCOMPARE(id->provider, provider);
        QCOMPARE(id->model, model);
    }

    void unknownProviderListsKnownOnes()
    {
        const Expected<ModelId> id = ModelId::parse(QStringLiteral("nope/x"), known);
        QVERIFY(!id);
        QCOMPARE(id.error().code, QStringLiteral("unknown_provider"));
        QVERIFY(id.error().message.contains(QStringLiteral("\"nope\"")));
        QVERIFY(id.error().message.contains(QStringLiteral("groq, openai, together")));
    }

    void emptyModelIsAnError()
    {
        QVERIFY(!ModelId::parse(QStringLiteral("groq/"), known));
        QVERIFY(!ModelId::parse(QString(), known));
    }
};

QTEST_GUILESS_MAIN(TestModelId)
#include "tst_modelid.moc"
