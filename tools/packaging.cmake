# The Debian package (tools/dev.sh package): `cpack -G DEB` in the build tree makes
# sepconv-lab_<version>_amd64.deb from the install rules. Library dependencies come from
# dpkg-shlibdeps; what the app needs at run time without linking it is listed here.
include(GNUInstallDirs)

# What Debian puts beside every package: the copyright file and a compressed changelog.
set(SEPCONV_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/sepconv-lab)
install(FILES ${PROJECT_SOURCE_DIR}/tools/debian/copyright DESTINATION ${SEPCONV_DOC_DIR})
# The changelog's version is project(VERSION), filled in at configure time.
configure_file(${PROJECT_SOURCE_DIR}/tools/debian/changelog.in ${PROJECT_BINARY_DIR}/changelog
               @ONLY)
set(SEPCONV_CHANGELOG_GZ ${PROJECT_BINARY_DIR}/changelog.gz)
add_custom_command(
  OUTPUT ${SEPCONV_CHANGELOG_GZ}
  COMMAND gzip -9nc ${PROJECT_BINARY_DIR}/changelog > ${SEPCONV_CHANGELOG_GZ}
  DEPENDS ${PROJECT_BINARY_DIR}/changelog
  COMMENT "Compressing the package changelog"
  VERBATIM)
add_custom_target(sepconv_changelog ALL DEPENDS ${SEPCONV_CHANGELOG_GZ})
install(FILES ${SEPCONV_CHANGELOG_GZ} DESTINATION ${SEPCONV_DOC_DIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sepconv-lab)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "SepConv Lab developers <sepconv-lab@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "teaches depthwise separable convolutions on your own images")
# CPack puts the summary above this as the synopsis line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "SepConv Lab computes standard, depthwise, pointwise and depthwise separable
convolutions on a photo of your choice, animates the kernels sliding over the
channels, and counts every multiplication beside the closed-form costs.
Guided lessons, predict-then-reveal questions, a presentation mode and a
light projector theme serve the classroom. The package holds the desktop app
(sepconv-lab) and the command-line tool (sepconv).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/sepconvlab/sepconv-lab")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Not linked, but read at run time: the UI font; the desktop's file dialog.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "zenity")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
