# CPACK_POST_BUILD_SCRIPTS: CPack makes a package with libraries in /usr/lib
# run ldconfig from postinst and postrm; Debian wants the ldconfig trigger
# instead (lintian: lacks-ldconfig-trigger). This rebuilds such a package with
# a triggers file in place of those two scripts.
foreach(deb IN LISTS CPACK_PACKAGE_FILES)
    execute_process(COMMAND dpkg-deb --ctrl-tarfile ${deb} COMMAND tar -t
        OUTPUT_VARIABLE control_files COMMAND_ERROR_IS_FATAL ANY)
    if(NOT control_files MATCHES "shlibs")
        continue()
    endif()
    set(tree ${deb}.tree)
    file(REMOVE_RECURSE ${tree})
    execute_process(COMMAND dpkg-deb --raw-extract ${deb} ${tree} COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE ${tree}/DEBIAN/postinst ${tree}/DEBIAN/postrm)
    file(WRITE ${tree}/DEBIAN/triggers "activate-noawait ldconfig\n")
    execute_process(COMMAND dpkg-deb --root-owner-group -Zxz --build ${tree} ${deb}
        OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
    file(REMOVE_RECURSE ${tree})
endforeach()
