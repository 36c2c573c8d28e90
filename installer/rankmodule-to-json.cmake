# cmake -DMODULE=<js-tiktoken dist/ranks/NAME.js> -DOUTPUT=<NAME.json> -P rankmodule-to-json.cmake
#
# A js-tiktoken rank module is "export default {…};" around one JSON object
# (pat_str, special_tokens, bpe_ranks); the installed file is that object
# alone, so /usr/share holds data rather than JavaScript. TiktokenRanks reads both.
file(READ "${MODULE}" text)
string(FIND "${text}" "{" open)
string(FIND "${text}" "}" close REVERSE)
if(open LESS 0 OR close LESS open)
    message(FATAL_ERROR "${MODULE}: no JSON object in the rank module")
endif()
math(EXPR length "${close} - ${open} + 1")
string(SUBSTRING "${text}" ${open} ${length} object)
foreach(key pat_str bpe_ranks)
    string(JSON value ERROR_VARIABLE error GET "${object}" ${key})
    if(error OR value STREQUAL "")
        message(FATAL_ERROR "${MODULE}: the rank table lacks ${key} (${error})")
    endif()
endforeach()
file(WRITE "${OUTPUT}" "${object}\n")
