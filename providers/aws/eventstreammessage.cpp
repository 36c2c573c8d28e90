#include <muxi/providers/eventstreammessage.h>

namespace muxi {

const EventStreamMessage::Header *EventStreamMessage::header(QByteArrayView name) const
{
    for (const Header &h : headers) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

QString EventStreamMessage::text(QByteArrayView name) const
{
    const Header *h = header(name);
    if (!h)
        return {};
    if (h->type == Header::Type::Bytes)
        return QString::fromUtf8(h->value.toByteArray());
    return h->value.toString();
}

} // namespace muxi
