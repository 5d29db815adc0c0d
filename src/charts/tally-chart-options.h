/* tally-chart-options.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "tally-chart-theme.h"

G_BEGIN_DECLS

/* Where a threshold or a custom colour takes its colour from. */
typedef enum
{
  TALLY_COLOR_ROLE_CUSTOM,      /* TallyThreshold.rgba */
  TALLY_COLOR_ROLE_ACCENT,
  TALLY_COLOR_ROLE_SUCCESS,
  TALLY_COLOR_ROLE_WARNING,
  TALLY_COLOR_ROLE_ERROR,
} TallyColorRole;

/**
 * TallyThreshold:
 * @value: from this value up (in the frame's raw units: a fraction for
 *   "percent")
 * @role: the named colour, or %TALLY_COLOR_ROLE_CUSTOM for @rgba
 * @rgba: the colour when @role is custom
 */
typedef struct
{
  double          value;
  TallyColorRole  role;
  TallyRgba       rgba;
} TallyThreshold;

typedef enum
{
  TALLY_POINTS_AUTO,            /* when there is room: 8 pixels or more per point */
  TALLY_POINTS_ALWAYS,
  TALLY_POINTS_NEVER,
} TallyPointsMode;

typedef enum
{
  TALLY_LEGEND_AUTO,            /* when there is more than one series */
  TALLY_LEGEND_SHOW,
  TALLY_LEGEND_HIDE,
} TallyLegendMode;

typedef enum
{
  TALLY_ORIENTATION_VERTICAL,
  TALLY_ORIENTATION_HORIZONTAL,
} TallyOrientation;

/**
 * TallyColumnFormat:
 * @name: the frame column it applies to
 * @title: the header to show instead of @name, or %NULL
 * @unit: the unit of the values, or %NULL to guess from the name
 * @decimals: digits after the point, or %TALLY_FORMAT_AUTO (-1)
 */
typedef struct
{
  char *name;
  char *title;
  char *unit;
  int   decimals;
} TallyColumnFormat;

/**
 * TallyChartOptions:
 *
 * A panel's `options` object (docs/charts.md lists the members). Plain
 * data: the widget editor changes the fields and writes them back with
 * tally_chart_options_to_json(), which keeps the members it does not
 * know. A chart takes a copy.
 */
typedef struct
{
  char            *unit;            /* overrides the frame's unit; NULL: the frame's */
  int              decimals;        /* TALLY_FORMAT_AUTO or 0..12 */
  double           min;             /* value axis bounds, NAN: from the data */
  double           max;
  GArray          *thresholds;      /* TallyThreshold, ascending by value */
  TallyLegendMode  legend;
  GPtrArray       *hidden_series;   /* char *, names of series or categories */

  struct
  {
    gboolean         fill;
    gboolean         stack;
    TallyPointsMode  points;
  } line;

  struct
  {
    TallyOrientation orientation;
    gboolean         stack;
  } bar;

  struct
  {
    gboolean donut;
  } pie;

  struct
  {
    double limit;                   /* NAN: 1 for percent, else from the value */
    double warning;                 /* fraction of the limit where the warning band starts */
    double error;
  } gauge;

  GPtrArray       *columns;         /* TallyColumnFormat * */
  GPtrArray       *table_show;      /* char *, the table columns shown, in order; empty: default */

  /*< private >*/
  JsonObject      *source;
} TallyChartOptions;

#define TALLY_TYPE_CHART_OPTIONS (tally_chart_options_get_type ())

GType                     tally_chart_options_get_type       (void) G_GNUC_CONST;

TallyChartOptions        *tally_chart_options_new            (void);
TallyChartOptions        *tally_chart_options_new_from_json  (JsonNode                *node,
                                                              const char              *path,
                                                              GError                 **error);
TallyChartOptions        *tally_chart_options_copy           (const TallyChartOptions *options);
void                      tally_chart_options_free           (TallyChartOptions       *options);
JsonNode                 *tally_chart_options_to_json        (const TallyChartOptions *options);

void                      tally_chart_options_add_threshold  (TallyChartOptions       *options,
                                                              double                   value,
                                                              TallyColorRole           role,
                                                              const TallyRgba         *rgba);
gboolean                  tally_chart_options_is_hidden      (const TallyChartOptions *options,
                                                              const char              *name);
void                      tally_chart_options_set_hidden     (TallyChartOptions       *options,
                                                              const char              *name,
                                                              gboolean                 hidden);
const TallyColumnFormat  *tally_chart_options_get_column     (const TallyChartOptions *options,
                                                              const char              *name);

int                       tally_threshold_compare            (gconstpointer            a,
                                                              gconstpointer            b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TallyChartOptions, tally_chart_options_free)

G_END_DECLS
