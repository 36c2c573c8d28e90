#include <muxi/configuration.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace muxi;

class TestConfiguration : public QObject
{
    Q_OBJECT

private:
    ProviderInfo groq() const
    {
        ProviderInfo info;
        info.id = QStringLiteral("groq");
        info.defaultBaseUrl = QUrl(QStringLiteral("https://api.groq.com/openai/v1"));
        return info;
    }

    ProviderInfo ollama() const
    {
        ProviderInfo info;
        info.id = QStringLiteral("ollama");
        info.baseUrlVariables = {QStringLiteral("OLLAMA_HOST")};
        info.defaultBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:11434"));
        return info;
    }

    static QByteArray providersFile(const QString &provider, const QJsonObject &entry)
    {
        return QJsonDocument(QJsonObject{{QLatin1String("providers"), QJsonObject{{provider, entry}}}}).toJson();
    }

    QString writeConfig(QTemporaryDir &dir, const QByteArray &json)
    {
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(json);
        return path;
    }

private Q_SLOTS:
    void layersOverrideInOrder()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        Configuration config(env);
        QVERIFY(config.loadFile(writeConfig(dir, providersFile(QStringLiteral("groq"), {{QLatin1String("base_url"), QLatin1String("http://file.test/v1")}}))));
        QCOMPARE(config.baseUrl(groq()), QUrl(QStringLiteral("http://file.test/v1")));
        env.insert(QStringLiteral("GROQ_BASE_URL"), QStringLiteral("http://env.test/v1"));
        config.setEnvironment(env);
        QCOMPARE(config.baseUrl(groq()), QUrl(QStringLiteral("http://env.test/v1")));
        config.setBaseUrl(QStringLiteral("groq"), QUrl(QStringLiteral("http://runtime.test/v1")));
        QCOMPARE(config.baseUrl(groq()), QUrl(QStringLiteral("http://runtime.test/v1")));
    }

    void defaultsAndSchemelessHosts()
    {
        QProcessEnvironment env;
        QCOMPARE(Configuration(env).baseUrl(groq()), groq().defaultBaseUrl);
        env.insert(QStringLiteral("OLLAMA_HOST"), QStringLiteral("10.1.2.3:9999"));
        QCOMPARE(Configuration(env).baseUrl(ollama()), QUrl(QStringLiteral("http://10.1.2.3:9999")));
        env.insert(QStringLiteral("OLLAMA_HOST"), QStringLiteral("gpu-box"));
        QCOMPARE(Configuration(env).baseUrl(ollama()), QUrl(QStringLiteral("http://gpu-box:11434")));
    }

    void keysComeFromEnvironmentAndRuntimeOnly()
    {
        QTemporaryDir dir;
        QProcessEnvironment env;
        Configuration config(env);
        QVERIFY(config.loadFile(writeConfig(dir, R"({"providers":{"groq":{"api_key":"canary-in-file"}}})")));
        QVERIFY(config.apiKey(groq()).isEmpty());
        QCOMPARE(config.warnings().size(), 1);
        QVERIFY(!config.warnings().first().contains(QStringLiteral("canary")));

        ProviderInfo hf = groq();
        hf.id = QStringLiteral("huggingface");
        hf.keyVariables = {QStringLiteral("HF_TOKEN")};
        env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("canary-hf"));
        env.insert(QStringLiteral("GROQ_API_KEY"), QStringLiteral("canary-env"));
        config.setEnvironment(env);
        QCOMPARE(config.apiKey(hf), QStringLiteral("canary-hf"));
        QCOMPARE(config.apiKeySource(hf), QStringLiteral("env:HF_TOKEN"));
        QCOMPARE(config.apiKey(groq()), QStringLiteral("canary-env"));
        config.setApiKey(QStringLiteral("groq"), QStringLiteral("canary-runtime"));
        QCOMPARE(config.apiKey(groq()), QStringLiteral("canary-runtime"));
        QCOMPARE(config.apiKeySource(groq()), QStringLiteral("runtime"));
    }

    void saveRefusesKeys()
    {
        QTemporaryDir dir;
        Configuration config;
        QVERIFY(config.loadFile(dir.filePath(QStringLiteral("new.json"))));
        const QJsonObject withKey{{QLatin1String("providers"), QJsonObject{{QLatin1String("groq"), QJsonObject{{QLatin1String("api_key"), QLatin1String("x")}}}}}};
        QVERIFY(!config.saveFile(withKey));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("new.json"))));
        const QJsonObject chains{{QLatin1String("fallbacks"), QJsonObject{{QLatin1String("groq/a"), QJsonArray{QLatin1String("together/b")}}}}};
        QVERIFY(config.saveFile(chains));
        Configuration reread;
        QVERIFY(reread.loadFile(dir.filePath(QStringLiteral("new.json"))));
        QCOMPARE(reread.fallbackChain(QStringLiteral("groq/a")), QStringList{QStringLiteral("together/b")});
    }

    void customProvidersRetryAndTimeouts()
    {
        QTemporaryDir dir;
        Configuration config;
        QJsonObject file = QJsonDocument::fromJson(providersFile(QStringLiteral("mybox"),
                                                                 {{QLatin1String("custom"), true},
                                                                  {QLatin1String("base_url"), QLatin1String("http://127.0.0.1:9999/v1")},
                                                                  {QLatin1String("key_variable"), QLatin1String("MYBOX_TOKEN")}}))
                               .object();
        file.insert(QLatin1String("default_model"), QLatin1String("groq/x"));
        file.insert(QLatin1String("retry"), QJsonObject{{QLatin1String("max_retries"), 4}});
        file.insert(QLatin1String("timeouts"), QJsonObject{{QLatin1String("first_byte_ms"), 1234}});
        QVERIFY(config.loadFile(writeConfig(dir, QJsonDocument(file).toJson())));
        QCOMPARE(config.defaultModel(), QStringLiteral("groq/x"));
        QCOMPARE(config.retryPolicy().maxRetries, 4);
        QCOMPARE(config.timeouts().firstByte, std::chrono::milliseconds(1234));
        QCOMPARE(config.timeouts().idle, Timeouts().idle);
        const QList<ProviderInfo> custom = config.customProviders();
        QCOMPARE(custom.size(), 1);
        QCOMPARE(custom.first().id, QStringLiteral("mybox"));
        QCOMPARE(custom.first().family, QStringLiteral("openai"));
        QVERIFY(!custom.first().requiresKey);
        QProcessEnvironment env;
        env.insert(QStringLiteral("MYBOX_TOKEN"), QStringLiteral("canary-mybox"));
        config.setEnvironment(env);
        QCOMPARE(config.apiKey(custom.first()), QStringLiteral("canary-mybox"));

        ProviderInfo runtime;
        runtime.id = QStringLiteral("other");
        runtime.family = QStringLiteral("openai");
        config.addCustomProvider(runtime);
        QCOMPARE(config.customProviders().size(), 2);
    }

    void perProviderRetryAndTimeouts()
    {
        QTemporaryDir dir;
        Configuration config;
        const QString path = writeConfig(dir, R"({
            "retry": {"max_retries": 4, "base_delay_ms": 50},
            "timeouts": {"first_byte_ms": 1234},
            "providers": {"groq": {"retry": {"max_retries": 0}, "timeouts": {"idle_ms": 77}}}
        })");
        QVERIFY(config.loadFile(path));
        // Fields the provider leaves out come from the global settings, not the built-in defaults.
        QCOMPARE(config.retryPolicy(QStringLiteral("groq")).maxRetries, 0);
        QCOMPARE(config.retryPolicy(QStringLiteral("groq")).baseDelay, std::chrono::milliseconds(50));
        QCOMPARE(config.timeouts(QStringLiteral("groq")).idle, std::chrono::milliseconds(77));
        QCOMPARE(config.timeouts(QStringLiteral("groq")).firstByte, std::chrono::milliseconds(1234));
        QCOMPARE(config.retryPolicy(QStringLiteral("together")), config.retryPolicy());
        QCOMPARE(config.timeouts(QStringLiteral("together")), config.timeouts());
        QCOMPARE(config.retryPolicy().maxRetries, 4);

        // A run-time global setting is what providers without their own build on.
        RetryPolicy global;
        global.maxRetries = 1;
        config.setRetryPolicy(global);
        QCOMPARE(config.retryPolicy(QStringLiteral("together")).maxRetries, 1);
        QCOMPARE(config.retryPolicy(QStringLiteral("groq")).maxRetries, 0);
        RetryPolicy own;
        own.maxRetries = 7;
        config.setRetryPolicy(QStringLiteral("groq"), own);
        QCOMPARE(config.retryPolicy(QStringLiteral("groq")).maxRetries, 7);
        Timeouts quick;
        quick.total = std::chrono::milliseconds(5);
        config.setTimeouts(QStringLiteral("groq"), quick);
        QCOMPARE(config.timeouts(QStringLiteral("groq")), quick);
        QCOMPARE(config.timeouts(QStringLiteral("together")).total, Timeouts().total);
    }

    void saveWithoutLoadedFileIsRefused()
    {
        // The per-user default path must never be written by a configuration that did not load it.
        QTemporaryDir home;
        const QByteArray previous = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", home.path().toUtf8());
        const QString defaultPath = Configuration::defaultConfigPath();
        QVERIFY(defaultPath.startsWith(home.path()));
        Configuration assembled(QProcessEnvironment{});
        const Expected<bool> saved = assembled.saveFile(QJsonObject{{QLatin1String("default_model"), QLatin1String("a/b")}});
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.contains(QStringLiteral("no config file was loaded")), qPrintable(saved.error().message));
        QVERIFY(!QFile::exists(defaultPath));

        // fromSystem() names the default file even before it exists, so the workbench can create it.
        const QByteArray muxiConfig = qgetenv("MUXI_CONFIG");
        qunsetenv("MUXI_CONFIG");
        Configuration system = Configuration::fromSystem();
        QCOMPARE(system.filePath(), defaultPath);
        QVERIFY(system.saveFile(QJsonObject{{QLatin1String("default_model"), QLatin1String("a/b")}}));
        QVERIFY(QFile::exists(defaultPath));
        if (!muxiConfig.isEmpty())
            qputenv("MUXI_CONFIG", muxiConfig);
        if (previous.isEmpty())
            qunsetenv("XDG_CONFIG_HOME");
        else
            qputenv("XDG_CONFIG_HOME", previous);
    }

    void reloadPicksUpChanges()
    {
        QTemporaryDir dir;
        Configuration config;
        const QString path = writeConfig(dir, R"({"default_model":"a/b"})");
        QVERIFY(config.loadFile(path));
        writeConfig(dir, R"({"default_model":"c/d"})");
        QVERIFY(config.reload());
        QCOMPARE(config.defaultModel(), QStringLiteral("c/d"));
        writeConfig(dir, "{broken");
        QVERIFY(!config.reload());
    }

    void brokenFilesAreReportedAndChangeNothing()
    {
        QTemporaryDir dir;
        Configuration config;
        QVERIFY(config.loadFile(writeConfig(dir, R"({"default_model":"a/b"})")));

        // A folder where the file should be: it exists but cannot be read.
        const QString folder = dir.filePath(QStringLiteral("folder.json"));
        QVERIFY(QDir().mkpath(folder));
        const Expected<bool> unreadable = config.loadFile(folder);
        QVERIFY(!unreadable);
        QCOMPARE(unreadable.error().kind, Error::Kind::BadRequest);
        QVERIFY2(unreadable.error().message.startsWith(QStringLiteral("cannot read config file ") + folder), qPrintable(unreadable.error().message));
        QCOMPARE(config.defaultModel(), QStringLiteral("a/b"));

        // A JSON array is valid JSON but no configuration; the offset is 0 then.
        const Expected<bool> array = config.loadFile(writeConfig(dir, "[1, 2]"));
        QVERIFY(!array);
        QVERIFY2(array.error().message.contains(QStringLiteral("is not a JSON object")), qPrintable(array.error().message));
        QCOMPARE(config.defaultModel(), QStringLiteral("a/b"));

        // Saving where a file stands in for the folder fails with the path named, and keeps the old contents.
        QFile blocker(dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(config.loadFile(dir.filePath(QStringLiteral("blocker/config.json"))));
        const Expected<bool> saved = config.saveFile(QJsonObject{{QLatin1String("default_model"), QLatin1String("c/d")}});
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.startsWith(QStringLiteral("cannot write config file ")), qPrintable(saved.error().message));
        QVERIFY(saved.error().message.contains(QStringLiteral("blocker/config.json")));
    }

    void systemConfigurationWarnsAboutABrokenFile()
    {
        QTemporaryDir dir;
        const QString path = writeConfig(dir, "{\"default_model\": ");
        const QByteArray previous = qgetenv("MUXI_CONFIG");
        qputenv("MUXI_CONFIG", path.toUtf8());
        const Configuration system = Configuration::fromSystem();
        if (previous.isEmpty())
            qunsetenv("MUXI_CONFIG");
        else
            qputenv("MUXI_CONFIG", previous);
        // The broken file is reported, not fatal: built-in defaults apply and the path stays the one to save to.
        QCOMPARE(system.warnings().size(), 1);
        QVERIFY2(system.warnings().first().contains(path), qPrintable(system.warnings().first()));
        QVERIFY(system.warnings().first().contains(QStringLiteral("at offset")));
        QCOMPARE(system.filePath(), path);
        QCOMPARE(system.defaultModel(), QStringLiteral("openai/gpt-4o-mini"));
    }
};

QTEST_GUILESS_MAIN(TestConfiguration)
#include "tst_configuration.moc"
