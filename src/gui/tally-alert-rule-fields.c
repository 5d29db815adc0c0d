/* tally-alert-rule-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The alert rule editor's text fields and the numbers of alerts.json:
 * a threshold is typed in the unit a person reads ("5" % for an error
 * rate of 0.05, "5000" ms, "3" σ), counts are whole numbers, and the
 * loader's errors ("threshold: must be a number") name the field by its
 * title instead of its member. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "tally-alert-rule-fields.h"
#include "tally-error.h"

/* Whether the threshold is a growth or a share, typed in percent. */
static gboolean
in_percent (TallyAlertKind kind,
            TallyBaseline  baseline,
            TallyMetric    metric,
            TallyStat      stat)
{
  if (kind == TALLY_ALERT_TREND || (kind == TALLY_ALERT_ANOMALY && baseline == TALLY_BASELINE_LAST_WEEK))
    return TRUE;
  return kind == TALLY_ALERT_THRESHOLD && g_strcmp0 (tally_metric_get_unit (metric, stat), "percent") == 0;
}

/**
 * tally_alert_rule_fields_scale:
 *
 * What a threshold of alerts.json is multiplied by to be typed: 100 for
 * a share or a growth, typed in percent; 1 otherwise.
 */
double
tally_alert_rule_fields_scale (TallyAlertKind kind,
                               TallyBaseline  baseline,
                               TallyMetric    metric,
                               TallyStat      stat)
{
  return in_percent (kind, baseline, metric, stat) ? 100 : 1;
}

/**
 * tally_alert_rule_fields_unit:
 *
 * The unit a threshold is typed in, for the field's title: "%", "σ",
 * "ms", "USD", "requests"…
 */
const char *
tally_alert_rule_fields_unit (TallyAlertKind kind,
                              TallyBaseline  baseline,
                              TallyMetric    metric,
                              TallyStat      stat)
{
  static const struct { const char *unit; const char *title; } units[] = {
    { "usd", N_("USD") },
    { "ms", N_("ms") },
    { "requests", N_("requests") },
    { "tokens", N_("tokens") },
    { "requests/min", N_("requests/min") },
    { "tokens/min", N_("tokens/min") },
    { "usd/min", N_("USD/min") },
    { "tokens/usd", N_("tokens/USD") },
    { "x", N_("× real time") },
  };
  const char *unit = tally_metric_get_unit (metric, stat);

  if (in_percent (kind, baseline, metric, stat))
    return "%";
  if (kind == TALLY_ALERT_ANOMALY)
    /* Translators: standard deviations */
    return _("σ");
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (unit, units[i].unit) == 0)
      return _(units[i].title);
  return unit;
}

/**
 * tally_alert_rule_fields_format:
 *
 * @value of alerts.json as typed: times @scale, in at most fifteen
 * significant digits (every threshold the loader takes, up to 10¹⁵,
 * keeps its digits), so 0.07 in percent reads "7", not
 * "7.000000000000001"; "" for NAN (not set).
 */
char *
tally_alert_rule_fields_format (double value,
                                double scale)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value * scale));
}

/**
 * tally_alert_rule_fields_parse:
 * @text: as typed: a decimal number, with a point (or the locale's
 *   comma), maybe followed by "%"; blanks around it are ignored
 * @title: the field's title, for the error
 * @scale: what @text is (tally_alert_rule_fields_scale())
 * @value: (out): @text divided by @scale; NAN when @text is empty
 *
 * Returns: %FALSE with "Threshold: “abc” is not a number" when it is not
 */
gboolean
tally_alert_rule_fields_parse (const char  *text,
                               const char  *title,
                               double       scale,
                               double      *value,
                               GError     **error)
{
  g_autofree char *number = g_strstrip (g_strdup (text));
  char *end = NULL;
  double parsed;
  gsize len = strlen (number);

  if (len == 0)
    {
      *value = NAN;
      return TRUE;
    }
  if (number[len - 1] == '%')
    {
      number[len - 1] = '\0';
      g_strchomp (number);
    }
  /* a comma is the decimal point only where the locale has it so:
   * elsewhere "5,000" is five thousand, not five */
  if (g_strcmp0 (localeconv ()->decimal_point, ",") == 0)
    g_strdelimit (number, ",", '.');
  parsed = g_ascii_strtod (number, &end);
  if (number[0] == '\0' || end == number || *end != '\0' || !isfinite (parsed))
    {
      /* Translators: a field's title, then what was typed in it */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: “%s” is not a number"), title, text);
      return FALSE;
    }

  *value = parsed / scale;
  return TRUE;
}

/**
 * tally_alert_rule_fields_parse_count:
 * @fallback: the value of an empty field
 *
 * A whole number of at least 0, as typed.
 */
gboolean
tally_alert_rule_fields_parse_count (const char  *text,
                                     const char  *title,
                                     guint64      fallback,
                                     guint64     *value,
                                     GError     **error)
{
  g_autofree char *number = g_strstrip (g_strdup (text));

  if (number[0] == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXUINT64, value, NULL))
    {
      /* Translators: a field's title, then what was typed in it */
      g_set_error (error, TALLY_ERROR, TALLY_ERROR_INVALID, _("%s: “%s” is not a whole number"), title, text);
      return FALSE;
    }

  return TRUE;
}

/**
 * tally_alert_rule_fields_name_member:
 *
 * Puts the title of the field in place of the member alerts.json's loader
 * names at the start of @error's message: "threshold: must be a number"
 * becomes "Threshold: must be a number". A message that names no member
 * is left as it is.
 */
void
tally_alert_rule_fields_name_member (GError *error)
{
  static const struct { const char *member; const char *title; } fields[] = {
    { "name", N_("Name") },
    { "window", N_("Window") },
    { "threshold", N_("Threshold") },
    { "min_requests", N_("Minimum Requests") },
    { "clear_margin", N_("Clear Margin") },
    { "fire_after", N_("Evaluations Before Firing") },
    { "resolve_after", N_("Evaluations Before Resolving") },
    { "baseline_windows", N_("Windows in the Baseline") },
    { "filters", N_("Filters") },
    { "stat", N_("Statistic") },
    { "metric", N_("Metric") },
  };

  if (error == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize len = strlen (fields[i].member);

      if (strncmp (error->message, fields[i].member, len) == 0 && error->message[len] == ':')
        {
          char *message = g_strconcat (_(fields[i].title), error->message + len, NULL);

          g_free (error->message);
          error->message = message;
          return;
        }
    }
}
