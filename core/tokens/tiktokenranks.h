#pragma once

#include <muxi/muxi_core_export.h>

#include <muxi/bpeencoder.h>
#include <muxi/expected.h>

#include <memory>

namespace muxi {

// OpenAI's BPE ranks as the js-tiktoken npm package ships them (MIT licence;
// scripts/install-deps.sh installs it, the repository carries no ranks). Each
// encoding is a module dist/ranks/<name>.js holding one object:
// {"pat_str": …, "special_tokens": {…}, "bpe_ranks": "…"}, where bpe_ranks is
// lines of "<tag> <first rank> <base64 token> <base64 token> …" and the tokens
// of a line take consecutive ranks from the first one.
class MUXI_CORE_EXPORT TiktokenRanks
{
public:
    // $MUXI_TIKTOKEN_DIR, else ~/.cache/muxi/npm/node_modules/js-tiktoken/dist/ranks.
    static QString directory();

    // The encoding `name` ("o200k_base", "cl100k_base"…) from directory(),
    // read once per process and shared; a missing or broken file is an error
    // saying how to install it, and is looked for again on the next call.
    static Expected<std::shared_ptr<const BpeEncoder>> encoding(const QString &name);

    // Parses the text of one rank module.
    static Expected<std::shared_ptr<const BpeEncoder>> parse(const QString &name, const QByteArray &moduleText);
};

} // namespace muxi
