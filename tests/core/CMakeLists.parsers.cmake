muxi_add_test(NAME tst_sseparser SOURCES tst_sseparser.cpp LIBS muxi-core)
target_compile_definitions(tst_sseparser PRIVATE MUXI_SSE_FIXTURES="${CMAKE_CURRENT_LIST_DIR}/../data/sse")

muxi_add_test(NAME tst_ndjsonparser SOURCES tst_ndjsonparser.cpp LIBS muxi-core)
