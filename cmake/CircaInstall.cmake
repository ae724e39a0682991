# What `cmake --install build --prefix P` puts under P: bin/circa (sim/cli), the Python package
# (sim/python), and here the hand-written RTL primitives, the bundled configs and workloads, and
# the docs. (circa embeds the primitives; the installed copies are for users' own flows.)
include(GNUInstallDirs)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/rtl/ DESTINATION ${CMAKE_INSTALL_DATADIR}/circa/rtl
        FILES_MATCHING PATTERN "*.v")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/configs ${CMAKE_SOURCE_DIR}/workloads
        DESTINATION ${CMAKE_INSTALL_DATADIR}/circa)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/reports/circnn_comparison.md
              ${CMAKE_SOURCE_DIR}/sim/arch/SCHEDULE.md ${CMAKE_SOURCE_DIR}/sim/arch/README.md
              ${CMAKE_SOURCE_DIR}/sim/numerics/NUMBER_FORMATS.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_SOURCE_DIR}/sim/sysc/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        RENAME SYSTEMC_MODEL.md)
