# MUXI_COVERAGE (the `coverage` preset, build-coverage/): gcc's
# --coverage at -O0, so every line maps to code that ran or did not, and the
# coverage_report target that turns the .gcda files the tests leave into a
# gcovr report of the product folders only.
#
# A Debug build otherwise: a custom CMAKE_BUILD_TYPE would make Qt's targets
# define QT_NO_DEBUG and measure code other than what the ci build tests.
option(MUXI_COVERAGE "Instrument everything for line coverage (gcc --coverage, -O0) and add the coverage_report target" OFF)
if(NOT MUXI_COVERAGE)
    return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    message(FATAL_ERROR "MUXI_COVERAGE needs gcc (gcov and gcovr read its .gcda files)")
endif()
add_compile_options(-O0 --coverage)
add_link_options(--coverage)

find_program(GCOVR_PROGRAM gcovr)
find_package(Python3 COMPONENTS Interpreter)
if(NOT GCOVR_PROGRAM OR NOT Python3_Interpreter_FOUND)
    message(WARNING "gcovr not found (scripts/install-deps.sh installs it): no coverage_report target")
    return()
endif()

# Run the tests first (ctest in this tree); the report reads what they left.
# Only the product folders count; moc, qrc and QML cache output lives in the
# build tree, outside every filter, and the tests, benchmarks and examples
# are excluded by name as well.
set(_report_dir ${CMAKE_BINARY_DIR}/coverage)
set(_filters)
foreach(folder core providers app cli gateway mcp)
    list(APPEND _filters --filter "${PROJECT_SOURCE_DIR}/${folder}/")
endforeach()
add_custom_target(coverage_report
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${_report_dir}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_report_dir}
    COMMAND ${GCOVR_PROGRAM}
        --root ${PROJECT_SOURCE_DIR}
        --object-directory ${CMAKE_BINARY_DIR}
        ${_filters}
        --exclude "${PROJECT_SOURCE_DIR}/tests/"
        --exclude "${PROJECT_SOURCE_DIR}/benchmarks/"
        --exclude "${PROJECT_SOURCE_DIR}/examples/"
        --exclude "${PROJECT_SOURCE_DIR}/build[^/]*/"
        --exclude ".*_autogen/"
        --exclude ".*/qrc_[^/]*\\.cpp$"
        --exclude ".*\\.qmlcache/"
        --gcov-ignore-parse-errors
        -j 2
        --html-details ${_report_dir}/index.html
        --txt ${_report_dir}/files.txt
        --json-summary ${_report_dir}/summary.json
        ${CMAKE_BINARY_DIR}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/coverage-summary.py
        ${_report_dir}/summary.json ${_report_dir}/folders.txt
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Coverage report: ${_report_dir}/index.html, per folder in ${_report_dir}/folders.txt"
    VERBATIM)
