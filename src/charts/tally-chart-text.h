/* tally-chart-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <pango/pangocairo.h>

#include "tally-chart-theme.h"

G_BEGIN_DECLS

typedef enum
{
  TALLY_TEXT_SMALL,       /* axis labels, legends: 0.85 of the body size */
  TALLY_TEXT_BODY,        /* tables, tooltips, messages */
  TALLY_TEXT_BOLD,        /* headers, tooltip titles */
  TALLY_TEXT_VALUE,       /* big numbers: bold, at the size asked */
  TALLY_N_TEXT_STYLES
} TallyTextStyle;

typedef struct _TallyText TallyText;

TallyText    *tally_text_new         (const TallyChartTheme *theme);
void          tally_text_free        (TallyText             *text);
gboolean      tally_text_matches     (TallyText             *text,
                                      const TallyChartTheme *theme);
PangoLayout  *tally_text_layout      (TallyText             *text,
                                      TallyTextStyle         style,
                                      double                 size_px,
                                      const char            *string,
                                      double                 max_width);
PangoLayout  *tally_text_paragraph   (TallyText             *text,
                                      TallyTextStyle         style,
                                      const char            *string,
                                      double                 width,
                                      int                    max_lines,
                                      PangoAlignment         alignment);
double        tally_text_style_size  (TallyText             *text,
                                      TallyTextStyle         style);
double        tally_text_line_height (TallyText             *text,
                                      TallyTextStyle         style);
void          tally_text_size        (PangoLayout           *layout,
                                      double                *width,
                                      double                *height);
void          tally_text_draw        (cairo_t               *cr,
                                      PangoLayout           *layout,
                                      double                 x,
                                      double                 y,
                                      double                 align_x,
                                      double                 align_y,
                                      const TallyRgba       *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyText, tally_text_free)

G_END_DECLS
