/*
 * store_reference.h - the reference lists of db/0003_reference.sql,
 * shared by the document shelf, the practice catalogue and the member
 * directory: themes, régions, départements. Included by store.h;
 * implemented in store_reference.c.
 */
#ifndef PALABRE_STORE_REFERENCE_H
#define PALABRE_STORE_REFERENCE_H

#include <stddef.h>

struct store_theme {
	char	*key;		/* "acces-droits" */
	char	*label;		/* « Accès aux droits » */
};

struct store_region {
	char	*code;		/* "11" */
	char	*name;		/* « Île-de-France » */
};

struct store_departement {
	char	*code;		/* "93", "2A", "971" */
	char	*name;		/* « Seine-Saint-Denis » */
	char	*region_code;
};

/* In their order of lists (themes: position; régions: name;
 * départements: code). */
int	 store_theme_list(struct store *, struct store_theme **, size_t *);
void	 store_theme_list_free(struct store_theme *, size_t);
int	 store_region_list(struct store *, struct store_region **, size_t *);
void	 store_region_list_free(struct store_region *, size_t);
/* region_code NULL: all of them. */
int	 store_departement_list(struct store *, const char *region_code,
	    struct store_departement **, size_t *);
void	 store_departement_list_free(struct store_departement *, size_t);
/* « 93 Seine-Saint-Denis » for code "93" (new string), or NULL if the
 * code is unknown. */
char	*store_departement_label(struct store *, const char *code);
/* The label of a theme key (new string), or NULL if unknown. */
char	*store_theme_label(struct store *, const char *key);

#endif /* PALABRE_STORE_REFERENCE_H */
