#include <muxi/embeddingresponse.h>

#include <QJsonArray>
#include <QtEndian>

#include <cstring>

namespace muxi {

QList<float> decodeFloat32Base64(const QByteArray &base64)
{
    const QByteArray bytes = QByteArray::fromBase64(base64);
    QList<float> values;
    values.reserve(bytes.size() / 4);
    for (qsizetype offset = 0; offset + 4 <= bytes.size(); offset += 4) {
        const quint32 bits = qFromLittleEndian<quint32>(bytes.constData() + offset);
        float value;
        std::memcpy(&value, &bits, sizeof value);
        values.append(value);
    }
    return values;
}

EmbeddingResponse EmbeddingResponse::fromJson(const QJsonObject &object)
{
    EmbeddingResponse r;
    r.model = object.value(QLatin1String("model")).toString();
    const QJsonArray data = object.value(QLatin1String("data")).toArray();
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        Embedding e;
        e.index = o.value(QLatin1String("index")).toInt();
        const QJsonValue vector = o.value(QLatin1String("embedding"));
        if (vector.isString()) {
            e.vector = decodeFloat32Base64(vector.toString().toLatin1());
        } else {
            const QJsonArray numbers = vector.toArray();
            e.vector.reserve(numbers.size());
            for (const QJsonValue &n : numbers)
                e.vector.append(float(n.toDouble()));
        }
        r.data.append(e);
    }
    if (object.value(QLatin1String("usage")).isObject())
        r.usage = Usage::fromJson(object.value(QLatin1String("usage")).toObject());
    return r;
}

QJsonObject EmbeddingResponse::toJson() const
{
    QJsonArray data;
    for (const Embedding &e : this->data) {
        QJsonArray numbers;
        for (float f : e.vector)
            numbers.append(double(f));
        data.append(QJsonObject{{QLatin1String("object"), QLatin1String("embedding")},
                                {QLatin1String("index"), e.index},
                                {QLatin1String("embedding"), numbers}});
    }
    QJsonObject object{{QLatin1String("object"), QLatin1String("list")}, {QLatin1String("data"), data}, {QLatin1String("model"), model}};
    if (usage) {
        QJsonObject u{{QLatin1String("prompt_tokens"), usage->promptTokens}, {QLatin1String("total_tokens"), usage->totalTokens}};
        object.insert(QLatin1String("usage"), u);
    }
    return object;
}

} // namespace muxi
