#pragma once

#include <muxi/expected.h>

#include <QStringList>

namespace muxi::cli {

// The positional words joined by spaces, or standard input when the only word is "-".
Expected<QString> readPrompt(const QStringList &positional);

} // namespace muxi::cli
