# Helpers for the installed libraries (libmuxi-core, libmuxi-providers).
include(GenerateExportHeader)

# muxi_public_headers(<target> PREFIX <muxi|muxi/providers> HEADERS <files…> [INSTALL <files…>])
#
# Every header of a library is included as <PREFIX/name.h>, in the tree as once
# installed, so the sources' include lines never depend on the folder a header
# lives in. In the build tree a one-line forwarding header under
# build/include/PREFIX/ points at the real file (the way ECM's generated headers
# do); only the headers named after INSTALL are installed.
function(muxi_public_headers target)
    cmake_parse_arguments(ARG "" "PREFIX" "HEADERS;INSTALL" ${ARGN})
    foreach(header IN LISTS ARG_HEADERS)
        get_filename_component(absolute "${header}" ABSOLUTE)
        get_filename_component(name "${header}" NAME)
        file(CONFIGURE OUTPUT "${MUXI_INCLUDE_BUILD_DIR}/${ARG_PREFIX}/${name}"
             CONTENT "#include \"${absolute}\"\n")
    endforeach()
    if(ARG_INSTALL)
        install(FILES ${ARG_INSTALL} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/${ARG_PREFIX} COMPONENT development)
        # The API documentation covers exactly what is installed (docs/).
        foreach(header IN LISTS ARG_INSTALL)
            get_filename_component(absolute "${header}" ABSOLUTE)
            set_property(TARGET ${target} APPEND PROPERTY MUXI_INSTALLED_HEADERS "${absolute}")
        endforeach()
    endif()
    target_include_directories(${target} PUBLIC
        $<BUILD_INTERFACE:${MUXI_INCLUDE_BUILD_DIR}>
        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endfunction()

# muxi_shared_library(<target> EXPORT_NAME <Name> BASE <muxi_core>)
#
# Only what the headers mark with <BASE>_EXPORT is visible outside the
# library. <BASE>_TESTS_EXPORT marks classes the test suites reach into: they
# are exported only from a build with tests, as KDE's *_AUTOTEST_EXPORT does.
function(muxi_shared_library target)
    cmake_parse_arguments(ARG "" "EXPORT_NAME;BASE" "" ${ARGN})
    string(TOUPPER "${ARG_BASE}" upper)
    if(MUXI_BUILD_TESTS)
        set(tests_export "#define ${upper}_TESTS_EXPORT ${upper}_EXPORT")
    else()
        set(tests_export "#define ${upper}_TESTS_EXPORT")
    endif()
    generate_export_header(${target}
        BASE_NAME ${ARG_BASE}
        EXPORT_FILE_NAME "${MUXI_INCLUDE_BUILD_DIR}/muxi/${ARG_BASE}_export.h"
        CUSTOM_CONTENT_FROM_VARIABLE tests_export)
    install(FILES "${MUXI_INCLUDE_BUILD_DIR}/muxi/${ARG_BASE}_export.h"
            DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/muxi COMPONENT development)
    set_target_properties(${target} PROPERTIES
        VERSION ${PROJECT_VERSION}
        SOVERSION ${PROJECT_VERSION_MAJOR}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        EXPORT_NAME ${ARG_EXPORT_NAME})
    # The headers use C++20 (defaulted comparisons): a consumer compiling them
    # as C++17, g++'s default, would fail inside <muxi/…>.
    target_compile_features(${target} PUBLIC cxx_std_20)
    install(TARGETS ${target} EXPORT MuxiTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT development)
endfunction()
