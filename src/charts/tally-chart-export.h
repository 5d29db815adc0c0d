/* tally-chart-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <cairo.h>

#include "tally-chart.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_EXPORT_PNG,
  TALLY_EXPORT_SVG,
  TALLY_EXPORT_PDF,
} TallyExportFormat;

typedef void (*TallyExportDrawFunc) (cairo_t  *cr,
                                     gpointer  user_data);

gboolean          tally_export_format_from_filename (const char        *filename,
                                                     TallyExportFormat *format);
gboolean          tally_export_check_filename       (const char        *filename,
                                                     TallyExportFormat *format,
                                                     GError           **error);
cairo_surface_t  *tally_export_surface_new          (const char        *filename,
                                                     double             width,
                                                     double             height,
                                                     double             scale,
                                                     GError           **error);
gboolean          tally_export_surface_finish       (cairo_surface_t   *surface,
                                                     const char        *filename,
                                                     GError           **error);
gboolean          tally_chart_export                (TallyChart        *chart,
                                                     const char        *filename,
                                                     double             scale,
                                                     GError           **error);
GBytes           *tally_chart_export_to_bytes       (TallyChart        *chart,
                                                     TallyExportFormat  format,
                                                     double             scale,
                                                     GError           **error);
GBytes           *tally_export_draw_to_bytes        (TallyExportFormat  format,
                                                     double             width,
                                                     double             height,
                                                     double             scale,
                                                     TallyExportDrawFunc draw,
                                                     gpointer           user_data,
                                                     GError           **error);

G_END_DECLS
