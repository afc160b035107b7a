import { getModels } from '@/lib/queries/models';
import { ModelCard } from './model-card';
import { renderFromApi } from './render-from-api';

/** Every model in the atlas with its SAEs (home page). */
export async function ModelCatalog() {
  return renderFromApi(async () => {
    const models = await getModels();
    if (models.length === 0) {
      return (
        <section className="notice">
          <h2>No models yet</h2>
          <p>
            The API is up but the atlas is empty. Build the demo atlas with <code>npx atlas build-demo</code>, then
            reload.
          </p>
        </section>
      );
    }
    return (
      <div className="model-catalog">
        {models.map((model) => (
          <ModelCard key={model.id} model={model} />
        ))}
      </div>
    );
  });
}
