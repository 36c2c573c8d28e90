# Installation layout and the Debian packages (scripts/package.sh: Release,
# stripped, one package per CPack component).
#
#   component    package          contents
#   runtime      libmuxi0         libmuxi-core.so.0*, libmuxi-providers.so.0*, the BPE ranks
#   development  libmuxi-dev      headers, the .so links, the CMake package, muxi.pc
#   cli          muxi             the muxi command, its man pages, bash and zsh completions
#   workbench    muxi-workbench   the workbench, its .desktop file, AppStream metadata, icons
#
# The libraries' components are set where they are installed (cmake/MuxiLibrary.cmake,
# cmake/MuxiPackage.cmake), the executables' in cli/ and app/.
include(GNUInstallDirs)

set(MUXI_JS_TIKTOKEN_DIR "$ENV{HOME}/.cache/muxi/npm/node_modules/js-tiktoken" CACHE PATH
    "The js-tiktoken npm package whose BPE ranks MUXI_PACKAGING installs (scripts/install-deps.sh puts it there)")

set(installer_dir ${CMAKE_CURRENT_LIST_DIR})
set(installer_build_dir ${CMAKE_BINARY_DIR}/installer)

# Man pages, compressed as Debian wants them (gzip -9, no name or time stamp).
# A new command gets its page in installer/man/ and its name here.
set(muxi_cli_man_pages muxi.1 muxi-chat.1 muxi-complete.1 muxi-embed.1 muxi-mcp.1 muxi-models.1 muxi-serve.1 muxi-tokens.1)
set(muxi_workbench_man_pages muxi-workbench.1)
set(compressed_man_pages)
foreach(page IN LISTS muxi_cli_man_pages muxi_workbench_man_pages)
    add_custom_command(OUTPUT ${installer_build_dir}/man/${page}.gz
        COMMAND ${CMAKE_COMMAND} -E copy ${installer_dir}/man/${page} ${installer_build_dir}/man/${page}
        COMMAND gzip -9nf ${installer_build_dir}/man/${page}
        DEPENDS ${installer_dir}/man/${page}
        VERBATIM)
    list(APPEND compressed_man_pages ${installer_build_dir}/man/${page}.gz)
endforeach()
add_custom_target(muxi-man-pages ALL DEPENDS ${compressed_man_pages})
list(TRANSFORM muxi_cli_man_pages PREPEND ${installer_build_dir}/man/)
list(TRANSFORM muxi_cli_man_pages APPEND .gz)
install(FILES ${muxi_cli_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)

install(FILES ${installer_dir}/completions/muxi.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME muxi COMPONENT cli)
install(FILES ${installer_dir}/completions/_muxi
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT cli)

if(MUXI_BUILD_APP)
    install(FILES ${installer_build_dir}/man/muxi-workbench.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT workbench)
    install(FILES ${installer_dir}/org.muxi.Workbench.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT workbench)
    install(FILES ${installer_dir}/org.muxi.Workbench.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT workbench)
    set(icon ${PROJECT_SOURCE_DIR}/resources/icons/org.muxi.Workbench.svg)
    install(FILES ${icon} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT workbench)
endif()

if(MUXI_PACKAGING)
    # Menus and panels that cannot scale SVG pick these.
    if(MUXI_BUILD_APP)
        find_program(RSVG_CONVERT rsvg-convert REQUIRED)
        set(icon_pngs)
        foreach(size 16 22 24 32 48 64 128 256)
            set(png ${installer_build_dir}/icons/${size}x${size}/org.muxi.Workbench.png)
            add_custom_command(OUTPUT ${png}
                COMMAND ${CMAKE_COMMAND} -E make_directory ${installer_build_dir}/icons/${size}x${size}
                COMMAND ${RSVG_CONVERT} --width ${size} --height ${size} --keep-aspect-ratio --output ${png} ${icon}
                DEPENDS ${icon}
                VERBATIM)
            list(APPEND icon_pngs ${png})
            install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT workbench)
        endforeach()
        add_custom_target(muxi-icons ALL DEPENDS ${icon_pngs})
    endif()

    # The ranks TiktokenRanks finds in <data dir>/muxi/tiktoken, as the plain
    # JSON object of each js-tiktoken module; o200k_base also serves every
    # estimate for non-OpenAI models.
    set(rank_files)
    foreach(encoding o200k_base cl100k_base)
        set(module ${MUXI_JS_TIKTOKEN_DIR}/dist/ranks/${encoding}.js)
        if(NOT EXISTS ${module})
            message(FATAL_ERROR "MUXI_PACKAGING needs the js-tiktoken npm package: ${module} is missing. "
                                "Run scripts/install-deps.sh or set MUXI_JS_TIKTOKEN_DIR.")
        endif()
        set(json ${installer_build_dir}/tiktoken/${encoding}.json)
        add_custom_command(OUTPUT ${json}
            COMMAND ${CMAKE_COMMAND} -DMODULE=${module} -DOUTPUT=${json} -P ${installer_dir}/rankmodule-to-json.cmake
            DEPENDS ${module} ${installer_dir}/rankmodule-to-json.cmake
            VERBATIM)
        list(APPEND rank_files ${json})
    endforeach()
    add_custom_target(muxi-tiktoken-ranks ALL DEPENDS ${rank_files})
    install(FILES ${rank_files} DESTINATION ${CMAKE_INSTALL_DATADIR}/muxi/tiktoken COMPONENT runtime)
    # The npm package declares MIT but carries no licence file; this is its repository's.
    install(FILES ${installer_dir}/js-tiktoken.LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/muxi/tiktoken
            RENAME LICENSE.js-tiktoken COMPONENT runtime)

    # Every package carries the copyright file and the Debian changelog.
    add_custom_command(OUTPUT ${installer_build_dir}/changelog.Debian.gz
        COMMAND ${CMAKE_COMMAND} -E copy ${installer_dir}/changelog ${installer_build_dir}/changelog.Debian
        COMMAND gzip -9nf ${installer_build_dir}/changelog.Debian
        DEPENDS ${installer_dir}/changelog
        VERBATIM)
    add_custom_target(muxi-debian-changelog ALL DEPENDS ${installer_build_dir}/changelog.Debian.gz)
    foreach(component_package runtime:libmuxi0 development:libmuxi-dev cli:muxi workbench:muxi-workbench)
        string(REPLACE ":" ";" component_package ${component_package})
        list(GET component_package 0 component)
        list(GET component_package 1 package)
        install(FILES ${installer_dir}/copyright ${installer_build_dir}/changelog.Debian.gz
                DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
        if(EXISTS ${installer_dir}/lintian/${package})
            install(FILES ${installer_dir}/lintian/${package}
                    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides COMPONENT ${component})
        endif()
    endforeach()
endif()

set(CPACK_PACKAGE_NAME muxi)
set(CPACK_PACKAGE_VENDOR "Muxi developers")
set(CPACK_PACKAGE_CONTACT "Muxi developers <dev@muxi.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description below starts with its own summary line; an
# empty project-wide one keeps CPack from putting the project's above it.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime development cli)
if(MUXI_BUILD_APP)
    list(APPEND CPACK_COMPONENTS_ALL workbench)
endif()

# Versions 0.2.0-1: the first Debian revision of upstream 0.2.0.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The programs need libmuxi-core.so.0 from this very build; dpkg-shlibdeps
# finds it here and the exact libmuxi0 dependency comes from the component's DEPENDS.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_LIBRARY_OUTPUT_DIRECTORY})
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# 0.x breaks the ABI between releases, so dependants want this exact version.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(CPACK_POST_BUILD_SCRIPTS ${installer_dir}/ldconfig-trigger.cmake)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libmuxi0)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "one OpenAI-shaped interface to every LLM provider (libraries)
Muxi talks to OpenAI, Anthropic, Google Gemini, Mistral, Groq, Cohere, Ollama,
llama.cpp and many more services through one interface shaped like OpenAI's
chat completions, with streaming, retries, fallbacks between models, tools,
images, audio, JSON mode, embeddings and local token counting.

This package contains the shared libraries libmuxi-core and libmuxi-providers
and OpenAI's BPE ranks (o200k_base, cl100k_base) for exact token counts.")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libmuxi-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS runtime)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "qt6-base-dev")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION "one OpenAI-shaped interface to every LLM provider (development files)
Muxi talks to OpenAI, Anthropic, Google Gemini, Mistral, Groq, Cohere, Ollama,
llama.cpp and many more services through one interface shaped like OpenAI's
chat completions.

This package contains the headers (<muxi/...>), the CMake package
(find_package(Muxi) giving Muxi::Core and Muxi::Providers) and the
pkg-config file muxi.pc for building programs against libmuxi.")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME muxi)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_CLI_DEPENDS runtime)
set(CPACK_DEBIAN_CLI_DESCRIPTION "command line client for every LLM provider
Muxi talks to OpenAI, Anthropic, Google Gemini, Mistral, Groq, Cohere, Ollama,
llama.cpp and many more services through one interface.

The muxi command sends chat prompts (streamed, with images, audio, JSON mode
and fallbacks between models), legacy completions and embeddings, lists
providers and their models, counts tokens locally, and lists and calls the
tools of MCP servers, also offering them to a model in a chat.")

set(CPACK_DEBIAN_WORKBENCH_PACKAGE_NAME muxi-workbench)
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_SECTION utils)
set(CPACK_COMPONENT_WORKBENCH_DEPENDS runtime)
# shlibdeps cannot see QML imports: the modules the workbench loads at run time.
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_DEPENDS
    "qml6-module-qtquick, qml6-module-qtquick-controls, qml6-module-qtquick-layouts, qml6-module-qtquick-window, qml6-module-qtquick-dialogs, qml6-module-qtquick-templates, qml6-module-qtqml-workerscript, qml6-module-qtcore, qml6-module-qt-labs-platform, qml6-module-qt-labs-folderlistmodel, qml6-module-qtmultimedia, libqt6sql6-sqlite")
# API keys are kept in the desktop's secret service; without one the workbench
# reads them from the environment only.
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_WORKBENCH_DESCRIPTION "desktop workbench for chatting with and comparing LLMs
Muxi talks to OpenAI, Anthropic, Google Gemini, Mistral, Groq, Cohere, Ollama,
llama.cpp and many more services through one interface.

The workbench streams answers as they are written, highlights code, compares
several models side by side with their timings and costs, keeps conversations
on this computer and API keys in the system keychain, and falls back to the
next model when a provider fails.")

include(CPack)
