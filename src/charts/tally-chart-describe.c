/* tally-chart-describe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The sentences a screen reader says for a chart (STYLE.md: "every chart
 * has an accessible name and a description summarising its data"). Line
 * and bar charts of the same frame say the same thing, as do bars and
 * pies of categories: the description is about the data, not the ink. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tally-chart-private.h"
#include "tally-format.h"

/* "last 24 hours, 3 series, peak 412 (gpt-4o) at Nov 3, 14:05" */
char *
tally_chart_describe_timeseries (TallyChart *self)
{
  g_autofree char *span = NULL;
  g_autofree char *value = NULL;
  g_autofree char *when = NULL;
  const gint64 *buckets;
  gint64 interval = tally_frame_get_interval (self->frame);
  double peak = -INFINITY;
  guint n_buckets, shown = 0, peak_bucket = 0, peak_series = 0;

  buckets = tally_frame_get_buckets (self->frame, &n_buckets);
  for (guint i = 0; i < tally_frame_get_n_series (self->frame); i++)
    {
      const double *values = tally_frame_get_series_values (self->frame, i);

      if (tally_chart_is_hidden (self, tally_frame_get_series_name (self->frame, i)))
        continue;
      shown++;
      for (guint b = 0; b < n_buckets; b++)
        if (values[b] > peak)
          peak = values[b], peak_bucket = b, peak_series = i;
    }

  span = n_buckets > 0 ? tally_chart_describe_span (self, buckets[0], buckets[n_buckets - 1] + interval)
                       : g_strdup ("");
  if (!isfinite (peak))
    /* Translators: e.g. "last 24 hours, 0 series shown" */
    return g_strdup_printf (g_dngettext (NULL, "%s, %u series shown", "%s, %u series shown", shown),
                            span, shown);

  value = tally_chart_format (self, peak);
  when = tally_chart_format_time (self, buckets[peak_bucket], tally_chart_hover_time_format (interval));
  if (shown > 1)
    /* Translators: e.g. "last 24 hours, 3 series, peak 412 (gpt-4o) at Nov 3, 14:05" */
    return g_strdup_printf (g_dngettext (NULL, "%s, %u series, peak %s (%s) at %s",
                                         "%s, %u series, peak %s (%s) at %s", shown),
                            span, shown, value,
                            tally_frame_get_series_name (self->frame, peak_series), when);

  /* Translators: e.g. "last 24 hours, 1 series, peak 412 at Nov 3, 14:05" */
  return g_strdup_printf (g_dngettext (NULL, "%s, %u series, peak %s at %s",
                                       "%s, %u series, peak %s at %s", shown),
                          span, shown, value, when);
}

/* "4 categories, largest gpt-4o with $1.25 (62 %)"; @total is the sum of
 * the shown values, for the share, or NAN to leave it out. */
char *
tally_chart_describe_categories (TallyChart *self,
                                 double      total)
{
  g_autofree char *value = NULL;
  double largest = -INFINITY;
  guint shown = 0, best = 0;

  for (guint i = 0; i < tally_frame_get_n_categories (self->frame); i++)
    {
      double v = tally_frame_get_category_value (self->frame, i);

      if (tally_chart_is_hidden (self, tally_frame_get_category_label (self->frame, i)))
        continue;
      shown++;
      if (v > largest)
        largest = v, best = i;
    }

  if (!isfinite (largest))
    return g_strdup_printf (g_dngettext (NULL, "%u category shown", "%u categories shown", shown),
                            shown);

  value = tally_chart_format (self, largest);
  if (isfinite (total) && total > 0)
    {
      g_autofree char *share = tally_format_value (largest / total, "percent", TALLY_FORMAT_AUTO);

      /* Translators: e.g. "4 categories, largest gpt-4o with $1.25 (62 %)" */
      return g_strdup_printf (g_dngettext (NULL, "%u category, largest %s with %s (%s)",
                                           "%u categories, largest %s with %s (%s)", shown),
                              shown, tally_frame_get_category_label (self->frame, best), value, share);
    }

  /* Translators: e.g. "4 categories, largest gpt-4o with $1.25" */
  return g_strdup_printf (g_dngettext (NULL, "%u category, largest %s with %s",
                                       "%u categories, largest %s with %s", shown),
                          shown, tally_frame_get_category_label (self->frame, best), value);
}
