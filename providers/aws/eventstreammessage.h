#pragma once

#include <muxi/muxi_providers_export.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

namespace muxi {

// One message of AWS's binary event stream (application/vnd.amazon.eventstream):
// typed headers and an opaque payload. Layout in EventStreamDecoder.
class MUXI_PROVIDERS_TESTS_EXPORT EventStreamMessage
{
public:
    struct Header {
        // The wire codes of awslabs/aws-c-event-stream's aws_event_stream_header_value_type.
        enum class Type : quint8 {
            BoolTrue = 0,
            BoolFalse = 1,
            Byte = 2,
            Int16 = 3,
            Int32 = 4,
            Int64 = 5,
            Bytes = 6,
            String = 7,
            Timestamp = 8,
            Uuid = 9,
        };

        QByteArray name;
        Type type = Type::String;
        // bool, int (Byte/Int16/Int32), qint64, QByteArray, QString, QDateTime (UTC) or QUuid.
        QVariant value;

        friend bool operator==(const Header &, const Header &) = default;
    };

    QList<Header> headers;
    QByteArray payload;

    const Header *header(QByteArrayView name) const;
    // A string header's value (":event-type", ":message-type" …); empty when absent.
    QString text(QByteArrayView name) const;

    friend bool operator==(const EventStreamMessage &, const EventStreamMessage &) = default;
};

} // namespace muxi
