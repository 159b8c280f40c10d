#ifndef SEEDWATCH_CLIBXML2_SHIM_H
#define SEEDWATCH_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its ICU types clash with Foundation's own ICU module
// ("'UErrorCode' has different definitions in different modules"). Read the version header
// first, switch ICU off for what follows, and treat xmlCharEncodingHandler as opaque.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/entities.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#endif
