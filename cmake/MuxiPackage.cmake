# The installed CMake package (find_package(Muxi CONFIG) → Muxi::Core,
# Muxi::Providers) and the pkg-config file for everything else.
include(CMakePackageConfigHelpers)

set(muxi_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/Muxi)
install(EXPORT MuxiTargets NAMESPACE Muxi:: DESTINATION ${muxi_cmake_dir} COMPONENT development)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/MuxiConfig.cmake.in
    ${CMAKE_BINARY_DIR}/MuxiConfig.cmake
    INSTALL_DESTINATION ${muxi_cmake_dir})
# 0.x releases break the API between minor versions, so 0.2 accepts only 0.2.*.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/MuxiConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/MuxiConfig.cmake ${CMAKE_BINARY_DIR}/MuxiConfigVersion.cmake
    DESTINATION ${muxi_cmake_dir} COMPONENT development)

# Relative to the .pc file, so an install under any --prefix finds itself.
file(RELATIVE_PATH muxi_pc_prefix_from_pcdir "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
# RELATIVE_PATH answers "../../"; without the slash the paths read ${prefix}/include.
string(REGEX REPLACE "/$" "" muxi_pc_prefix_from_pcdir "${muxi_pc_prefix_from_pcdir}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/muxi.pc.in ${CMAKE_BINARY_DIR}/muxi.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/muxi.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT development)
