#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/error.h>
#include <muxi/target.h>
#include <muxi/timeouts.h>

#include <QObject>

class QNetworkAccessManager;

namespace muxi {

/// \brief Work an adapter needs done before it can build a request.
///
/// Fetching temporary credentials from a metadata endpoint or a helper
/// program, say. The core runs it (UpstreamCall), through its own network
/// access and timeouts, so adapters themselves still never touch the network
/// and a slow credential source never blocks the event loop.
class MUXI_CORE_EXPORT TargetPreparation : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /// Begins the work. Ends in exactly one of ready() or failed(), never
    /// before returning.
    virtual void start(QNetworkAccessManager *network, const Timeouts &timeouts) = 0;

Q_SIGNALS:
    /// The target completed with what was fetched (Target::credentials).
    void ready(const muxi::Target &target);
    /// Nothing usable was found; `error` says where it looked.
    void failed(const muxi::Error &error);
};

} // namespace muxi
