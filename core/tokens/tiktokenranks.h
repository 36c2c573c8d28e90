#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/bpeencoder.h>
#include <muxi/expected.h>

#include <QStringList>

#include <memory>

namespace muxi {

/// \brief OpenAI's BPE ranks as the js-tiktoken npm package ships them.
///
/// MIT licence; the repository carries no ranks. Each encoding is a module
/// dist/ranks/`<name>`.js holding one object:
/// {"pat_str": …, "special_tokens": {…}, "bpe_ranks": "…"}, where bpe_ranks is
/// lines of "`<tag> <first rank> <base64 token> <base64 token>` …" and the tokens
/// of a line take consecutive ranks from the first one. Installed packages
/// carry the same object as plain JSON, `<data dir>/muxi/tiktoken/<name>.json`.
///
/// All functions are thread-safe; encoders are shared between callers and
/// immutable. Errors are Error::Kind::Unsupported with code "tokenizer_unavailable".
class MUXI_CORE_EXPORT TiktokenRanks
{
public:
    /// Where ranks are looked for, in order: $MUXI_TIKTOKEN_DIR alone when it
    /// is set; else the js-tiktoken package scripts/install-deps.sh puts into
    /// ~/.cache/muxi/npm, then muxi/tiktoken in each generic data directory
    /// (~/.local/share, then $XDG_DATA_DIRS: /usr/local/share, /usr/share).
    static QStringList searchPaths();

    /// The file the encoding `name` is read from: the first `<name>`.json or
    /// `<name>`.js in searchPaths(), or an empty string when there is none.
    static QString locate(const QString &name);

    /// The encoding `name` ("o200k_base", "cl100k_base"…) from locate(),
    /// read once per process and shared; a missing or broken file is an error
    /// saying how to install it, and is looked for again on the next call.
    static Expected<std::shared_ptr<const BpeEncoder>> encoding(const QString &name);

    /// Parses the text of one rank module or its plain JSON object; errors name what is malformed.
    static Expected<std::shared_ptr<const BpeEncoder>> parse(const QString &name, const QByteArray &moduleText);
};

} // namespace muxi
