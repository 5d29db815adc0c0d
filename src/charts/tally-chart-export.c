/* tally-chart-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Charts into files, for `tally render` and "Export…": a PNG at any scale,
 * or a vector SVG or PDF, chosen by the file's extension. The surface
 * functions let a caller draw a whole dashboard (many charts, each
 * translated to its place) onto one page; tally_chart_export() is the one
 * chart case. The renderers are the widget's, so a file looks like the
 * window. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-export.h"
#include "tally-error.h"

gboolean
tally_export_format_from_filename (const char        *filename,
                                   TallyExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (format != NULL, FALSE);

  if (filename == NULL)
    return FALSE;
  lower = g_ascii_strdown (filename, -1);
  if (g_str_has_suffix (lower, ".png"))
    *format = TALLY_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = TALLY_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = TALLY_EXPORT_PDF;
  else
    return FALSE;

  return TRUE;
}

/* As tally_export_format_from_filename(), with an error naming the file
 * and the extensions it may have. */
gboolean
tally_export_check_filename (const char         *filename,
                             TallyExportFormat  *format,
                             GError            **error)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (tally_export_format_from_filename (filename, format))
    return TRUE;

  g_set_error (error, TALLY_ERROR, TALLY_ERROR_UNSUPPORTED,
               _("%s: the file name must end in .png, .svg or .pdf"), filename);
  return FALSE;
}

static gboolean
check_surface (cairo_surface_t  *surface,
               const char       *filename,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  /* Translators: the first %s is a file name, the second why it failed */
  g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Could not write %s: %s"), filename,
               cairo_status_to_string (status));
  return FALSE;
}

/* A surface of @width × @height user units for @filename's format. A PNG
 * has @scale device pixels per unit (2 for a HiDPI image); SVG and PDF
 * are vectors, in points. Draw on it, then call
 * tally_export_surface_finish(). */
cairo_surface_t *
tally_export_surface_new (const char  *filename,
                          double       width,
                          double       height,
                          double       scale,
                          GError     **error)
{
  TallyExportFormat format;
  cairo_surface_t *surface;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, NULL);

  if (!tally_export_check_filename (filename, &format, error))
    return NULL;

  switch (format)
    {
    case TALLY_EXPORT_SVG:
      surface = cairo_svg_surface_create (filename, width, height);
      break;
    case TALLY_EXPORT_PDF:
      surface = cairo_pdf_surface_create (filename, width, height);
      break;
    case TALLY_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      break;
    }

  if (!check_surface (surface, filename, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}

/* Writes the PNG, or ends the SVG or PDF, and frees @surface. */
gboolean
tally_export_surface_finish (cairo_surface_t  *surface,
                             const char       *filename,
                             GError          **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (surface != NULL && filename != NULL, FALSE);

  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, filename);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Could not write %s: %s"), filename,
                       cairo_status_to_string (status));
          ok = FALSE;
        }
    }
  else
    {
      cairo_surface_finish (surface);
      ok = check_surface (surface, filename, error);
    }
  cairo_surface_destroy (surface);

  return ok;
}

/* @chart, at its size, into @filename (.png at @scale, .svg or .pdf),
 * written whole or not at all. */
gboolean
tally_chart_export (TallyChart  *chart,
                    const char  *filename,
                    double       scale,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  TallyExportFormat format;

  g_return_val_if_fail (TALLY_IS_CHART (chart), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (!tally_export_check_filename (filename, &format, error))
    return FALSE;
  if ((bytes = tally_chart_export_to_bytes (chart, format, scale, error)) == NULL)
    return FALSE;
  if (!g_file_set_contents (filename, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                            &local_error))
    {
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Could not write %s: %s"), filename,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * tally_export_draw_to_bytes:
 * @format: PNG, SVG or PDF
 * @width: (in user units): the page's width
 * @height: the page's height
 * @scale: device pixels per unit of a PNG
 * @draw: draws the page on the cairo context it is given
 *
 * A page drawn by @draw, as the bytes of a file: what the window writes
 * with g_file_replace_contents(), so an export appears whole or not at
 * all, on any #GFile.
 *
 * Returns: (transfer full) (nullable): the file's bytes
 */
GBytes *
tally_export_draw_to_bytes (TallyExportFormat   format,
                            double              width,
                            double              height,
                            double              scale,
                            TallyExportDrawFunc draw,
                            gpointer            user_data,
                            GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (draw != NULL, NULL);

  width = MAX (width, 1);
  height = MAX (height, 1);
  if (format == TALLY_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
    }
  else if (format == TALLY_EXPORT_PDF)
    {
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
    }

  cr = cairo_create (surface);
  draw (cr, user_data);
  cairo_destroy (cr);

  if (format == TALLY_EXPORT_PNG)
    {
      status = cairo_surface_status (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
    }
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %s says why, as cairo puts it */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_IO, _("Could not draw the image: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
draw_chart (cairo_t  *cr,
            gpointer  chart)
{
  tally_chart_draw (chart, cr);
}

/* @chart, at its size, as the bytes of a file (see
 * tally_export_draw_to_bytes()). */
GBytes *
tally_chart_export_to_bytes (TallyChart         *chart,
                             TallyExportFormat   format,
                             double              scale,
                             GError            **error)
{
  double width, height;

  g_return_val_if_fail (TALLY_IS_CHART (chart), NULL);

  tally_chart_get_size (chart, &width, &height);
  return tally_export_draw_to_bytes (format, width, height, scale, draw_chart, chart, error);
}
