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
#include "tally-metric.h"

/* "last 24 hours" when the range ends about now, else its two ends. */
char *
tally_chart_describe_span (TallyChart *self,
                           gint64      from,
                           gint64      to)
{
  g_autofree char *span = tally_format_span (to - from);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (ABS (now - to) <= MAX (120, (to - from) / 50))
    /* Translators: %s is a length of time, e.g. "24 hours" */
    return g_strdup_printf (C_("time range", "last %s"), span);

  start = tally_chart_format_time (self, from, TALLY_TIME_FORMAT_DATE_TIME);
  end = tally_chart_format_time (self, to, TALLY_TIME_FORMAT_DATE_TIME);
  /* Translators: a time range, e.g. "Nov 3, 14:00 to Nov 4, 14:00" */
  return g_strdup_printf (C_("time range", "%s to %s"), start, end);
}

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

/* The title, or one made from the frame's metric and stat. */
char *
tally_chart_dup_display_title (TallyChart *self)
{
  TallyMetric metric;
  TallyStat stat;

  if (self->title != NULL)
    return g_strdup (self->title);
  if (self->frame == NULL || !tally_metric_from_string (tally_frame_get_metric (self->frame), &metric))
    return g_strdup (_("Chart"));
  if (!tally_stat_from_string (tally_frame_get_stat (self->frame), &stat) ||
      stat == TALLY_STAT_SUM || stat == TALLY_STAT_COUNT)
    return g_strdup (tally_metric_get_title (metric));

  /* Translators: a chart's title from its metric and stat, e.g. "Latency (P95)" */
  return g_strdup_printf (C_("chart title", "%s (%s)"), tally_metric_get_title (metric),
                          tally_stat_get_title (stat));
}

/* An accessible description of the chart and its data, e.g. "Requests
 * (Per minute), last 24 hours, 3 series, peak 412 at 14:05". */
char *
tally_chart_describe (TallyChart *self)
{
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (TALLY_IS_CHART (self), NULL);

  tally_chart_ensure_layout (self);
  title = tally_chart_dup_display_title (self);
  if (self->renderer_data == NULL)
    {
      message = tally_chart_state_message (self);
      return g_strdup_printf ("%s: %s", title, message ? message : "");
    }

  summary = self->renderer->describe (self, self->renderer_data);
  if (self->error != NULL)
    return g_strdup_printf (_("%s, %s (error: %s)"), title, summary, self->error);
  return g_strdup_printf ("%s, %s", title, summary);
}
