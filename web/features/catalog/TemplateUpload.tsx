/** Upload of a material's blank form or sample (POST …/materials/:materialId/template, multipart `file`). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import type { ItemDetail } from '../../api/types';
import { STAFF_ITEMS_KEY } from './catalog.staff-queries';

/** The server's limit (TEMPLATE_MAX_BYTES in catalog.routes.ts). */
const MAX_BYTES = 10 * 1024 * 1024;

export function TemplateUpload({
  itemId,
  materialId,
  hasTemplate,
  onUploaded,
}: {
  itemId: string;
  materialId: string;
  hasTemplate: boolean;
  onUploaded?: (item: ItemDetail) => void;
}) {
  const { t } = useTranslation('console');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ItemDetail>(`/api/catalog/items/${itemId}/materials/${materialId}/template`, form);
    },
    onSuccess: (item) => {
      queryClient.setQueryData([...STAFF_ITEMS_KEY, 'item', itemId], item);
      void queryClient.invalidateQueries({ queryKey: ['public', 'item', item.code] });
      void message.success(t('template.uploaded'));
      onUploaded?.(item);
    },
    onError: (err) => {
      const fieldMessage = err instanceof ApiError ? err.fields[0]?.message : undefined;
      void message.error(fieldMessage ?? errorMessage(err));
    },
  });
  return (
    <Upload
      accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg"
      showUploadList={false}
      multiple={false}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          void message.error(t('template.tooLarge'));
        } else {
          upload.mutate(file);
        }
        return false;
      }}
    >
      <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
        {hasTemplate ? t('template.replace') : t('template.upload')}
      </Button>
    </Upload>
  );
}
